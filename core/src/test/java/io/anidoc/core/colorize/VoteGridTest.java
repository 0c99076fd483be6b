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

    /**
     * 32x32 frame at stride 1: region 0 the left half (512 pixels), region 1 a 4x4 block at (20, 4),
     * region 2 a one-pixel column at x = 25, region 3 the rest.
     */
    private static Regions halves() {
        int w = 32;
        int h = 32;
        int[] labels = new int[w * h];
        boolean[] own = new boolean[w * h];
        int[] area = new int[4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int label = x < 16 ? 0 : x >= 20 && x < 24 && y >= 4 && y < 8 ? 1 : x == 25 ? 2 : 3;
                labels[y * w + x] = label;
                own[y * w + x] = true;
                area[label]++;
            }
        }
        return new Regions(w, h, 4, labels, own, new int[0], new int[0], area);
    }

    @Test
    void aLargeRegionVotesOnASparserGridWhileThatGridStillHitsEnoughOfIt() {
        // region 0: 512 samples on the full grid, 128 on every second row and column, 32 on every fourth
        assertThat(VoteGrid.of(halves(), 1, 32).multiple()[0]).isEqualTo(4);
        assertThat(VoteGrid.of(halves(), 1, 33).multiple()[0]).isEqualTo(2);
        assertThat(VoteGrid.of(halves(), 1, 129).multiple()[0]).isEqualTo(1);
        // the 4x4 block: 4 samples on every second row and column, 1 on every fourth
        assertThat(VoteGrid.of(halves(), 1, 4).multiple()[1]).isEqualTo(2);
        assertThat(VoteGrid.of(halves(), 1, 5).multiple()[1]).isEqualTo(1);
        // a one-pixel column at an odd x: no sparser grid hits it at all, however few samples it asks
        assertThat(VoteGrid.of(halves(), 1, 1).multiple()[2]).isEqualTo(1);
        // without sparse voting every region stays on the full grid
        assertThat(VoteGrid.of(halves(), 1)).satisfies(grid -> assertThat(grid.multiple()).containsOnly(1));
    }

    @Test
    void aRegionOnASparserGridWeighsEachVoteForThePixelsItStandsFor() {
        Regions regions = halves();
        io.anidoc.core.image.OpenCv.load();
        org.opencv.core.Mat bgr = new org.opencv.core.Mat(32, 32, org.opencv.core.CvType.CV_8UC3);
        byte[] px = new byte[32 * 32 * 3];
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                // region 0 shows color 0 on its top quarter, color 1 below
                px[3 * (y * 32 + x) + 2] = (byte) (y < 8 ? 255 : 0);
            }
        }
        bgr.put(0, 0, px);
        VoteSource source = VoteSource.ofColors(bgr, new Palette(new int[] {0xff0000, 0x000000}), 1.0);
        RegionVotes dense = new RegionVotes(4, 2);
        source.addTo(dense, regions, VoteGrid.of(regions, 1));
        RegionVotes sparse = new RegionVotes(4, 2);
        VoteGrid grid = VoteGrid.of(regions, 1, 32);
        assertThat(grid.multiple()[0]).isEqualTo(4);
        source.addTo(sparse, regions, grid);
        // rows 0 and 4 of every fourth column vote color 0, rows 8..28 color 1, each for 16 pixels
        assertThat(dense.get(0, 0)).isEqualTo(128);
        assertThat(dense.get(0, 1)).isEqualTo(384);
        assertThat(sparse.get(0, 0)).isEqualTo(2 * 4 * 16);
        assertThat(sparse.get(0, 1)).isEqualTo(6 * 4 * 16);
        // the block, at multiple 1 here, votes with every pixel as before
        assertThat(sparse.get(1, 0)).isEqualTo(dense.get(1, 0)).isEqualTo(16);
    }
}
