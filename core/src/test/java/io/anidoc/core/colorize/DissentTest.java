package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.anidoc.core.flow.FlowField;
import io.anidoc.core.image.OpenCv;
import io.anidoc.core.regions.Regions;

class DissentTest {
    static final int W = 96;
    static final int H = 64;
    static final short SKIN = 0;
    static final short WHITE = 1;

    /** One region over the whole frame, every pixel its own. */
    static Regions face() {
        return TestRegions.of(W, H, 1, (x, y) -> 0);
    }

    /**
     * The reference seen through a still flow of the given consistency: skin everywhere but a 32x24
     * white area (an eye's white open to the face), an 8x8 white speck and a 1-pixel white band (a
     * line the flow misses by a pixel).
     */
    static Dissent.Lookup lookup(int consistency) {
        return lookup(consistency, eyeClosedByALine());
    }

    /** As {@link #lookup(int)}, into a reference segmented into {@code referenceRegions}. */
    static Dissent.Lookup lookup(int consistency, Regions referenceRegions) {
        short[] reference = reference();
        FlowField still = still(consistency);
        return new Dissent.Lookup(VoteSource.of(still, W, H, reference, 1.0, 0.0),
                VoteSource.of(still, W, H, SourceRegions.labelTarget(referenceRegions), 1.0, 0.0),
                ReferenceBlends.of(referenceRegions, reference, 2));
    }

    static short[] reference() {
        short[] reference = new short[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean eye = x >= 8 && x < 40 && y >= 8 && y < 32;
                boolean speck = x >= 60 && x < 68 && y >= 40 && y < 48;
                reference[y * W + x] = eye || speck || x == 80 ? WHITE : SKIN;
            }
        }
        return reference;
    }

    static FlowField still(int consistency) {
        int n = (W / 4) * (H / 4);
        byte[] confidence = new byte[n];
        Arrays.fill(confidence, (byte) consistency);
        return new FlowField(1, 0, W / 4, H / 4, new short[n], new short[n], confidence);
    }

    /** The reference's own regions: the eye's white closed by a line, apart from the skin. */
    static Regions eyeClosedByALine() {
        return TestRegions.of(W, H, 2, (x, y) -> x >= 8 && x < 40 && y >= 8 && y < 32 ? 1 : 0);
    }

    @Test
    void anOutvotedAreaSeenUnsurelyIsFlaggedAndAThinBandAlongALineIsNot() {
        OpenCv.load();
        short[] fill = new short[W * H];

        // the reference closes the eye's white with a line: the drawing's region spans what the
        // reference separates, and an unsure flow is not trusted to say where
        Dissent dissent = Dissent.findAndRepaint(face(), new int[] {0}, List.of(lookup(100)), fill);

        boolean[] flagged = dissent.flagged();
        assertThat(flagged[20 * W + 20]).as("inside the outvoted area").isTrue();
        assertThat(flagged[20 * W + 8 - Dissent.GROW_RADIUS]).as("grown around it").isTrue();
        assertThat(flagged[20 * W + 50]).as("beyond the growth").isFalse();
        assertThat(flagged[20 * W + 80]).as("the thin band").isFalse();
        assertThat(flagged[55 * W + 20]).as("agreeing paint").isFalse();
        assertThat(fill).as("an unsure correspondence repaints nothing").containsOnly(SKIN);
    }

    @Test
    void aLargeOutvotedAreaSeenSurelyTakesTheLookedUpColorAndASmallOneIsOnlyFlagged() {
        OpenCv.load();
        short[] fill = new short[W * H];

        Dissent dissent = Dissent.findAndRepaint(face(), new int[] {0}, List.of(lookup(255)), fill);

        assertThat(fill[20 * W + 20]).isEqualTo(WHITE);
        assertThat(fill[20 * W + 8]).as("its edge").isEqualTo(WHITE);
        assertThat(dissent.flagged()[20 * W + 20]).as("repainted surely, no longer in doubt").isFalse();
        assertThat(fill[44 * W + 64]).as("the speck: too few flow samples to overrule the region").isEqualTo(SKIN);
        assertThat(dissent.flagged()[44 * W + 64]).as("but flagged").isTrue();
        assertThat(fill[20 * W + 80]).as("the thin band stays skin").isEqualTo(SKIN);
        assertThat(fill[55 * W + 20]).isEqualTo(SKIN);
    }

    @Test
    void aLargeAreaTheReferencePaintsWithoutALineTakesTheLookedUpColorHoweverUnsureAndStaysFlagged() {
        OpenCv.load();
        short[] fill = new short[W * H];

        // the reference paints the eye's white inside the face's own region: no line bounds it there
        Dissent dissent = Dissent.findAndRepaint(face(), new int[] {0}, List.of(lookup(0, face())), fill);

        assertThat(fill[20 * W + 20]).isEqualTo(WHITE);
        assertThat(dissent.flagged()[20 * W + 20]).as("the flow alone drew its edge").isTrue();
        assertThat(fill[20 * W + 80]).as("the thin band stays skin").isEqualTo(SKIN);
        assertThat(fill[55 * W + 20]).isEqualTo(SKIN);
    }

    @Test
    void aBandAlongAnEdgeTheReferencePaintsWithoutALineIsFlaggedOnBothSides() {
        OpenCv.load();
        int w = 800;
        int h = 96;
        Regions face = TestRegions.of(w, h, 1, (x, y) -> 0);
        // the reference paints white over the frame's left half: no line there in either image
        short[] reference = new short[w * h];
        for (int i = 0; i < reference.length; i++) {
            reference[i] = i % w < w / 2 ? WHITE : SKIN;
        }
        int n = (w / 4) * (h / 4);
        byte[] sure = new byte[n];
        Arrays.fill(sure, (byte) 255);
        FlowField still = new FlowField(1, 0, w / 4, h / 4, new short[n], new short[n], sure);
        int band = (int) Math.round(Dissent.UNLINED_EDGE_BAND * w);

        short[] fill = new short[w * h];
        Dissent unlined = Dissent.findAndRepaint(face, new int[] {0}, List.of(new Dissent.Lookup(
                VoteSource.of(still, w, h, reference, 1.0, 0.0),
                VoteSource.of(still, w, h, SourceRegions.labelTarget(face), 1.0, 0.0),
                ReferenceBlends.of(face, reference, 2))), fill);

        assertThat(fill[48 * w + 100]).as("a sure lookup repaints the left half").isEqualTo(WHITE);
        boolean[] flagged = unlined.flagged();
        assertThat(flagged[48 * w + w / 2 - band + 2]).as("inside the band, left of the edge").isTrue();
        assertThat(flagged[48 * w + w / 2 + band - 2]).as("inside the band, right of the edge").isTrue();
        assertThat(flagged[48 * w + w / 2 - band - 4]).as("beyond the band, left").isFalse();
        assertThat(flagged[48 * w + w / 2 + band + 4]).as("beyond the band, right").isFalse();

        // the same paint where the reference separates the halves with a line: the line places the edge
        Regions halves = TestRegions.of(w, h, 2, (x, y) -> x < w / 2 ? 1 : 0);
        short[] again = new short[w * h];
        Dissent lined = Dissent.findAndRepaint(face, new int[] {0}, List.of(new Dissent.Lookup(
                VoteSource.of(still, w, h, reference, 1.0, 0.0),
                VoteSource.of(still, w, h, SourceRegions.labelTarget(halves), 1.0, 0.0),
                ReferenceBlends.of(halves, reference, 2))), again);
        assertThat(again[48 * w + 100]).isEqualTo(WHITE);
        // (the unrepainted side keeps the usual growth of a dissenting area, 2 * GROW_RADIUS pixels)
        assertThat(lined.flagged()[48 * w + w / 2 - 2]).as("beside a lined edge").isFalse();
        assertThat(lined.flagged()[48 * w + w / 2 + 2 * Dissent.GROW_RADIUS + 2]).isFalse();
    }

    @Test
    void aChainWithoutDirectCorrespondenceDissentsNowhere() {
        OpenCv.load();
        List<Dissent.Lookup> none = new ArrayList<>();
        none.add(null);
        short[] fill = new short[W * H];
        Dissent dissent = Dissent.findAndRepaint(face(), new int[] {0}, none, fill);
        for (boolean d : dissent.flagged()) {
            assertThat(d).isFalse();
        }
        assertThat(fill).containsOnly(SKIN);
    }
}
