package io.anidoc.core.regions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class BreadthFirstGrowthTest {

    @Test
    void labelsMeetHalfwayAndStopAtBarriers() {
        // one row of free pixels between two seeds, a barrier at x = 7 and a pocket behind it
        int w = 9;
        int[] label = {0, -1, -1, -1, -1, -1, 1, -1, -1};
        byte[] barrier = {0, 0, 0, 0, 0, 0, 0, 1, 0};
        int[] area = {1, 1};
        BreadthFirstGrowth.grow(w, 1, label, barrier, area);
        // the middle pixel (x = 3) is as near to both seeds: it goes to the seed first in scan order
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, -1, -1}, label);
        assertArrayEquals(new int[] {4, 3}, area);
    }

    @Test
    void growthFollowsTheFreePathNotTheStraightLine() {
        // 5x3: a wall in column 2 with an opening at the bottom; the seed at the top left reaches the
        // right side only through the opening, where the seed at the top right is nearer
        int[] label = {
                0, -1, -1, -1, 1,
                -1, -1, -1, -1, -1,
                -1, -1, -1, -1, -1};
        byte[] barrier = {
                0, 0, 1, 0, 0,
                0, 0, 1, 0, 0,
                0, 0, 0, 0, 0};
        BreadthFirstGrowth.grow(5, 3, label, barrier, null);
        assertArrayEquals(new int[] {
                0, 0, -1, 1, 1,
                0, 0, -1, 1, 1,
                0, 0, 0, 1, 1}, label);
    }

    @Test
    void withNoFreePixelNothingChanges() {
        // every pixel labelled or a barrier; an unlabelled barrier pixel stays unlabelled
        int[] label = {0, 0, -1, 1, 1, 1};
        byte[] barrier = {0, 0, 1, 0, 0, 0};
        int[] area = {2, 3};
        BreadthFirstGrowth.grow(3, 2, label, barrier, area);
        assertArrayEquals(new int[] {0, 0, -1, 1, 1, 1}, label);
        assertArrayEquals(new int[] {2, 3}, area);
    }

    @Test
    void theSeedFirstInScanOrderTakesAFreePixelItsNeighboursShare() {
        // 3x3: the free pixel (1, 1) has labelled neighbours above (label 2), left (0), right (1) and
        // below (3); the one first in scan order, above it, takes it
        int[] label = {
                -1, 2, -1,
                0, -1, 1,
                -1, 3, -1};
        byte[] barrier = {
                1, 0, 1,
                0, 0, 0,
                1, 0, 1};
        BreadthFirstGrowth.grow(3, 3, label, barrier, null);
        assertArrayEquals(new int[] {
                -1, 2, -1,
                0, 2, 1,
                -1, 3, -1}, label);
    }
}
