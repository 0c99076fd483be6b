package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.anidoc.core.regions.Regions;

class ReferenceBlendsTest {
    static final int W = 100;
    static final int H = 40;

    /** Two regions side by side: the left one painted 0 with a 20x30 block of 1 and a 3x3 speck of 2; the right one painted 3. */
    @Test
    void aRegionHoldsTheColorsThatCoverEnoughOfIt() {
        short[] paint = new short[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean block = x >= 10 && x < 30 && y >= 5 && y < 35;
                boolean speck = x >= 40 && x < 43 && y >= 5 && y < 8;
                paint[y * W + x] = (short) (x >= 60 ? 3 : block ? 1 : speck ? 2 : 0);
            }
        }
        Regions sideBySide = TestRegions.of(W, H, 2, (x, y) -> x < 60 ? 0 : 1);
        ReferenceBlends blends = ReferenceBlends.of(sideBySide, paint, 4);

        assertThat(blends.holdsBoth(0, 0, 1)).as("the block: 600 pixels, a quarter of the region").isTrue();
        assertThat(blends.holdsBoth(0, 1, 0)).isTrue();
        assertThat(blends.holdsBoth(0, 0, 2)).as("the speck: 9 pixels").isFalse();
        assertThat(blends.holdsBoth(0, 0, 3)).as("the neighbour's color").isFalse();
        assertThat(blends.holdsBoth(1, 3, 0)).as("a region of one color").isFalse();
        assertThat(blends.holdsBoth(2, 0, 1)).as("a label the reference does not have").isFalse();
        assertThat(blends.holdsBoth(-1, 0, 1)).isFalse();
        assertThat(blends.mayHoldBoth(0, 1)).isTrue();
        assertThat(blends.mayHoldBoth(0, 3)).as("3 is the fill of a region of one color").isFalse();
        assertThat(blends.mayHoldBoth(0, 2)).isFalse();
        assertThat(blends.holdsSeveral(0)).as("block and ground").isTrue();
        assertThat(blends.holdsSeveral(1)).as("one color").isFalse();
        assertThat(blends.holdsSeveral(2)).as("a label the reference does not have").isFalse();

        assertThat(blends.together(0, 1)).as("block and ground share the left region").isTrue();
        assertThat(blends.together(1, 0)).isTrue();
        assertThat(blends.together(0, 0)).as("a color with itself").isFalse();
        assertThat(blends.together(0, 3)).as("neighbours across a line").isFalse();
        assertThat(blends.together(0, 2)).as("the speck is no fill").isFalse();
        assertThat(blends.together(0, 9)).as("a color the palette does not have").isFalse();
        assertThat(blends.pixelsAlong(FrameSide.TOP, 0)).isEqualTo(60);
        assertThat(blends.pixelsAlong(FrameSide.TOP, 3)).isEqualTo(40);
        assertThat(blends.pixelsAlong(FrameSide.TOP, 1)).as("the block starts five rows down").isZero();
        assertThat(blends.pixelsAlong(FrameSide.LEFT, 0)).isEqualTo(H);
        assertThat(blends.pixelsAlong(FrameSide.LEFT, 3)).isZero();
        assertThat(blends.pixelsAlong(FrameSide.RIGHT, 3)).isEqualTo(H);
        assertThat(blends.pixelsAlong(FrameSide.BOTTOM, 3)).isEqualTo(40);
        assertThat(blends.pixelsAlong(FrameSide.TOP, 9)).as("a color the palette does not have").isZero();
    }
}
