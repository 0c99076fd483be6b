package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import io.anidoc.core.image.OpenCv;
import io.anidoc.core.regions.Regions;

class DissentTest {
    static final int SKIN = 0xF0D0B0;
    static final int WHITE = 0xFFFFFF;

    @Test
    void anOutvotedAreaIsKeptAndAThinBandAlongALineIsDropped() {
        OpenCv.load();
        int w = SourceRegionsTest.W;
        int h = SourceRegionsTest.H;
        Regions one = SourceRegionsTest.regions(1, (x, y) -> 0);
        Palette palette = new Palette(new int[] {SKIN, WHITE});
        short[] fill = new short[w * h];
        // the lookup sees skin everywhere but a 6x6 white area (an eye's white open to the face)
        // and a 1-pixel white band (a line the flow misses by a pixel)
        Mat looked = new Mat(h, w, CvType.CV_8UC3, new Scalar(0xB0, 0xD0, 0xF0));
        looked.submat(4, 10, 4, 10).setTo(new Scalar(255, 255, 255));
        looked.submat(0, h, 30, 31).setTo(new Scalar(255, 255, 255));
        VoteSource lookup = VoteSource.ofColors(looked, palette, 1.0);

        boolean[] dissent = Dissent.of(one, new int[] {0}, List.of(lookup), fill);

        assertThat(dissent[6 * w + 6]).as("inside the outvoted area").isTrue();
        assertThat(dissent[6 * w + 4 - Dissent.GROW_RADIUS]).as("grown around it").isTrue();
        assertThat(dissent[6 * w + 14]).as("beyond the growth").isFalse();
        assertThat(dissent[10 * w + 30]).as("the thin band").isFalse();
        assertThat(dissent[18 * w + 20]).as("agreeing paint").isFalse();
    }

    @Test
    void aChainWithoutDirectCorrespondenceDissentsNowhere() {
        OpenCv.load();
        Regions one = SourceRegionsTest.regions(1, (x, y) -> 0);
        java.util.List<VoteSource> none = new java.util.ArrayList<>();
        none.add(null);
        boolean[] dissent = Dissent.of(one, new int[] {0}, none, new short[SourceRegionsTest.W * SourceRegionsTest.H]);
        for (boolean d : dissent) {
            assertThat(d).isFalse();
        }
    }
}
