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
        int[] nearest = new int[W * H];
        boolean[] own = new boolean[W * H];
        for (int i = 0; i < nearest.length; i++) {
            nearest[i] = i;
            own[i] = true;
        }
        return new Regions(W, H, 1, new int[W * H], own, nearest, new int[] {W * H});
    }

    /**
     * The reference seen through a still flow of the given consistency: skin everywhere but a 32x24
     * white area (an eye's white open to the face), an 8x8 white speck and a 1-pixel white band (a
     * line the flow misses by a pixel).
     */
    static VoteSource lookup(int consistency) {
        short[] reference = new short[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean eye = x >= 8 && x < 40 && y >= 8 && y < 32;
                boolean speck = x >= 60 && x < 68 && y >= 40 && y < 48;
                reference[y * W + x] = eye || speck || x == 80 ? WHITE : SKIN;
            }
        }
        int n = (W / 4) * (H / 4);
        byte[] confidence = new byte[n];
        Arrays.fill(confidence, (byte) consistency);
        FlowField still = new FlowField(1, 0, W / 4, H / 4, new short[n], new short[n], confidence);
        return VoteSource.of(still, W, H, reference, 1.0, 0.0);
    }

    @Test
    void anOutvotedAreaSeenUnsurelyIsFlaggedAndAThinBandAlongALineIsNot() {
        OpenCv.load();
        short[] fill = new short[W * H];

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
    void aChainWithoutDirectCorrespondenceDissentsNowhere() {
        OpenCv.load();
        List<VoteSource> none = new ArrayList<>();
        none.add(null);
        short[] fill = new short[W * H];
        Dissent dissent = Dissent.findAndRepaint(face(), new int[] {0}, none, fill);
        for (boolean d : dissent.flagged()) {
            assertThat(d).isFalse();
        }
        assertThat(fill).containsOnly(SKIN);
    }
}
