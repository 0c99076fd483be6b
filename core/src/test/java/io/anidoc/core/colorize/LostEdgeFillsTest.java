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
        short[] fill = new short[W * H];
        Arrays.fill(fill, HAIR);
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

    @Test
    void nothingIsFlaggedWhileTheDrawingStillShowsTheFillAtThatEdge() {
        OpenCv.load();
        short[] fill = new short[W * H];
        Arrays.fill(fill, HAIR);
        Arrays.fill(fill, W / 2, W / 2 + 10, CROWN);

        assertThat(flag(hatOverHair(oneRegion()), fill)).containsOnly(false);
    }

    @Test
    void aFillTheReferenceSeparatesWithALineIsNotTheEdgesConcern() {
        OpenCv.load();
        short[] fill = new short[W * H];
        Arrays.fill(fill, HAIR);
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
