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
}
