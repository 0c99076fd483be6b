package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.anidoc.core.flow.FlowField;
import io.anidoc.core.image.OpenCv;
import io.anidoc.core.regions.Regions;

class LostEdgeFillsTest {
    static final int W = 400;
    static final int H = 64;
    static final short HAIR = 0;
    static final short CROWN = 1;
    static final short SKY = 2;
    /** Rows of the reference's crown along its top edge. */
    static final int CROWN_ROWS = 16;

    /** The reference: a crown along the middle of the top edge over hair, in regions the given labels draw. */
    static Dissent.Lookup hatOverHair(Regions referenceRegions) {
        short[] reference = new short[W * H];
        for (int i = 0; i < reference.length; i++) {
            int x = i % W;
            reference[i] = i / W < CROWN_ROWS && x >= W / 4 && x < 3 * W / 4 ? CROWN : HAIR;
        }
        int n = (W / 4) * (H / 4);
        byte[] sure = new byte[n];
        Arrays.fill(sure, (byte) 255);
        FlowField still = new FlowField(1, 0, W / 4, H / 4, new short[n], new short[n], sure);
        return new Dissent.Lookup(VoteSource.of(still, W, H, reference, 1.0, 0.0),
                VoteSource.of(still, W, H, SourceRegions.labelTarget(referenceRegions), 1.0, 0.0),
                ReferenceBlends.of(referenceRegions, reference, 3));
    }

    static Regions oneRegion() {
        return TestRegions.of(W, H, 1, (x, y) -> 0);
    }

    static boolean[] flag(Dissent.Lookup lookup, short[] fill) {
        boolean[] flagged = new boolean[W * H];
        LostEdgeFills.flag(oneRegion(), new int[] {0}, List.of(lookup), fill, flagged);
        return flagged;
    }

    @Test
    void aFillPaintedWithoutALineAtAnEdgeThatTheDrawingNoLongerShowsThereFlagsItsPartnerAlongThatEdge() {
        OpenCv.load();
        // the drawing painted the crown's place as hair: no crown along the top edge any more
        short[] fill = hairWithCrownAlongTop(0);
        int band = (int) Math.round(LostEdgeFills.BAND * W);

        boolean[] flagged = flag(hatOverHair(oneRegion()), fill);

        assertThat(flagged[0]).isTrue();
        assertThat(flagged[(band - 1) * W + W / 2]).as("the band's last row").isTrue();
        assertThat(flagged[band * W + W / 2]).as("below the band").isFalse();
        assertThat(flagged[(H - 1) * W + W / 2]).as("the bottom edge: the reference shows hair there, and so does the drawing").isFalse();
        assertThat(flagged[H / 2 * W]).as("the left edge, below the top band").isFalse();
        // a color that is not the lost fill's partner stays unflagged in the band
        fill[W / 2] = SKY;
        assertThat(flag(hatOverHair(oneRegion()), fill)[W / 2]).isFalse();
    }

    /** A drawing painted hair but for {@code pixels} of crown along the middle of its top edge. */
    static short[] hairWithCrownAlongTop(int pixels) {
        short[] fill = new short[W * H];
        Arrays.fill(fill, HAIR);
        Arrays.fill(fill, W / 2, W / 2 + pixels, CROWN);
        return fill;
    }

    @Test
    void nothingIsFlaggedWhileTheDrawingStillShowsTheFillAtThatEdge() {
        OpenCv.load();
        // the reference shows the crown along 200 pixels of the top edge: more than a tenth of that is still there
        assertThat(flag(hatOverHair(oneRegion()), hairWithCrownAlongTop(21))).containsOnly(false);
    }

    @Test
    void aSliverOfTheFillLeftAtTheEdgeStillCountsAsLost() {
        OpenCv.load();
        // a tenth of the crown's 200 pixels along the top edge
        boolean[] flagged = flag(hatOverHair(oneRegion()), hairWithCrownAlongTop(20));

        assertThat(flagged[W / 4]).as("the hair beside the sliver").isTrue();
        assertThat(flagged[W / 2 + 5]).as("the sliver itself is painted the lost fill, not its partner").isFalse();
    }

    @Test
    void aFillTheReferenceSeparatesWithALineIsNotTheEdgesConcern() {
        OpenCv.load();
        short[] fill = hairWithCrownAlongTop(0);
        // the crown is a region of its own: its line places it in the drawing as well
        Regions lined = TestRegions.of(W, H, 2, (x, y) -> y < CROWN_ROWS && x >= W / 4 && x < 3 * W / 4 ? 1 : 0);

        assertThat(flag(hatOverHair(lined), fill)).containsOnly(false);
    }

    @Test
    void aChainWithoutDirectCorrespondenceFlagsNothing() {
        short[] fill = new short[W * H];
        List<Dissent.Lookup> none = new ArrayList<>();
        none.add(null);
        boolean[] flagged = new boolean[W * H];

        LostEdgeFills.flag(oneRegion(), new int[] {0}, none, fill, flagged);

        assertThat(flagged).containsOnly(false);
    }
}
