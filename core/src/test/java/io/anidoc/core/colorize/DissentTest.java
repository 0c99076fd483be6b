package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import io.anidoc.core.flow.FlowField;
import io.anidoc.core.image.OpenCv;
import io.anidoc.core.regions.Regions;

class DissentTest {
    static final int W = SourceRegionsTest.W;
    static final int H = SourceRegionsTest.H;
    static final short SKIN = 0;
    static final short WHITE = 1;

    /**
     * The reference seen through a still flow of the given consistency: skin everywhere but a 6x6
     * white area (an eye's white open to the face) and a 1-pixel white band (a line the flow misses
     * by a pixel).
     */
    static VoteSource lookup(int consistency) {
        short[] reference = new short[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean eye = x >= 4 && x < 10 && y >= 4 && y < 10;
                reference[y * W + x] = eye || x == 30 ? WHITE : SKIN;
            }
        }
        int n = (W / 4) * (H / 4);
        byte[] confidence = new byte[n];
        java.util.Arrays.fill(confidence, (byte) consistency);
        FlowField still = new FlowField(1, 0, W / 4, H / 4, new short[n], new short[n], confidence);
        return VoteSource.of(still, W, H, reference, 1.0, 0.0);
    }

    /** One region painted skin everywhere, looked up through {@code lookup} (null: no correspondence). */
    static Dissent onePaintedFace(VoteSource lookup, short[] fill) {
        OpenCv.load();
        Regions face = SourceRegionsTest.regions(1, (x, y) -> 0);
        List<VoteSource> lookups = new ArrayList<>();
        lookups.add(lookup);
        return Dissent.findAndRepaint(face, new int[] {0}, lookups, fill);
    }

    @Test
    void anOutvotedAreaSeenUnsurelyIsFlaggedAndAThinBandAlongALineIsNot() {
        short[] fill = new short[W * H];

        Dissent dissent = onePaintedFace(lookup(100), fill);

        boolean[] flagged = dissent.flagged();
        assertThat(flagged[6 * W + 6]).as("inside the outvoted area").isTrue();
        assertThat(flagged[6 * W + 1]).as("grown around it").isTrue();
        assertThat(flagged[6 * W + 14]).as("beyond the growth").isFalse();
        assertThat(flagged[10 * W + 30]).as("the thin band").isFalse();
        assertThat(flagged[18 * W + 20]).as("agreeing paint").isFalse();
        assertThat(fill).as("an unsure correspondence repaints nothing").containsOnly(SKIN);
    }

    @Test
    void anOutvotedAreaSeenSurelyTakesTheLookedUpColor() {
        short[] fill = new short[W * H];

        Dissent dissent = onePaintedFace(lookup(255), fill);

        assertThat(fill[6 * W + 6]).isEqualTo(WHITE);
        assertThat(fill[7 * W + 4]).isEqualTo(WHITE);
        assertThat(fill[10 * W + 30]).as("the thin band stays skin").isEqualTo(SKIN);
        assertThat(fill[15 * W + 15]).isEqualTo(SKIN);
        assertThat(dissent.flagged()[6 * W + 6]).as("repainted surely, no longer in doubt").isFalse();
    }

    @Test
    void aChainWithoutDirectCorrespondenceDissentsNowhere() {
        short[] fill = new short[W * H];
        Dissent dissent = onePaintedFace(null, fill);
        for (boolean d : dissent.flagged()) {
            assertThat(d).isFalse();
        }
        assertThat(fill).containsOnly(SKIN);
    }
}
