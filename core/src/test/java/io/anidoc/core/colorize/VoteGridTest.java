package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.anidoc.core.regions.Regions;

class VoteGridTest {

    /** 8x6 frame: region 0 everywhere but a one-pixel-wide column x = 2 (region 1) that no stride-2 sample hits. */
    private static Regions regions() {
        int w = 8;
        int h = 6;
        int[] labels = new int[w * h];
        boolean[] own = new boolean[w * h];
        for (int i = 0; i < w * h; i++) {
            labels[i] = i % w == 2 ? 1 : 0;
            own[i] = true;
        }
        return new Regions(w, h, 2, labels, own, new int[0], new int[0], new int[] {42, 6});
    }

    @Test
    void aRegionTheGridMissesVotesWithAllItsPixels() {
        VoteGrid grid = VoteGrid.of(regions(), 2);
        assertThat(grid.offset()).isEqualTo(1);
        assertThat(grid.sampled()).containsExactly(true, false);
        assertThat(grid.unsampledPixels()).containsExactly(2, 10, 18, 26, 34, 42);
    }

    @Test
    void strideOneSamplesEveryPixel() {
        VoteGrid grid = VoteGrid.of(regions(), 1);
        assertThat(grid.sampled()).containsExactly(true, true);
        assertThat(grid.unsampledPixels()).isEmpty();
    }

    @Test
    void sampledVotesCountForTheAreaTheyStandFor() {
        Regions regions = regions();
        short[] index = new short[48];
        for (int i = 0; i < 48; i++) {
            index[i] = (short) (i % 8 < 4 ? 0 : 1);
        }
        org.opencv.core.Mat bgr = new org.opencv.core.Mat(6, 8, org.opencv.core.CvType.CV_8UC3);
        io.anidoc.core.image.OpenCv.load();
        byte[] px = new byte[48 * 3];
        for (int i = 0; i < 48; i++) {
            px[3 * i + 2] = (byte) (index[i] == 0 ? 255 : 0); // red for color 0, black for color 1
        }
        bgr.put(0, 0, px);
        Palette palette = new Palette(new int[] {0xff0000, 0x000000});
        VoteSource source = VoteSource.ofColors(bgr, palette, 1.0);
        RegionVotes full = new RegionVotes(2, 2);
        source.addTo(full, regions, VoteGrid.of(regions, 1));
        RegionVotes sampled = new RegionVotes(2, 2);
        source.addTo(sampled, regions, VoteGrid.of(regions, 2));
        // region 0: x = 0, 1, 3 vote color 0, x = 4..7 color 1; sampled: x = 1, 3 and 5, 7 of rows 1, 3, 5, each x 4
        assertThat(full.get(0, 0)).isEqualTo(18);
        assertThat(full.get(0, 1)).isEqualTo(24);
        assertThat(sampled.get(0, 0)).isEqualTo(6 * 4);
        assertThat(sampled.get(0, 1)).isEqualTo(6 * 4);
        // region 1 (the column the grid misses) keeps its six own votes
        assertThat(sampled.get(1, 0)).isEqualTo(6);
        assertThat(full.get(1, 0)).isEqualTo(6);
    }
}
