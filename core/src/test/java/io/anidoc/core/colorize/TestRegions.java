package io.anidoc.core.colorize;

import java.util.function.IntBinaryOperator;

import io.anidoc.core.regions.Regions;

/** Regions for tests, drawn by a function from pixel to region. */
final class TestRegions {
    private TestRegions() {
    }

    /**
     * @param regionOf each pixel's region, -1 on a line (which then carries region 0's label and is its
     *                 own nearest pixel)
     */
    static Regions of(int w, int h, int count, IntBinaryOperator regionOf) {
        int[] labels = new int[w * h];
        boolean[] own = new boolean[w * h];
        int[] nearest = new int[w * h];
        int[] area = new int[count];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int region = regionOf.applyAsInt(x, y);
                nearest[i] = i;
                labels[i] = Math.max(0, region);
                if (region >= 0) {
                    own[i] = true;
                    area[region]++;
                }
            }
        }
        return new Regions(w, h, count, labels, own, nearest, area);
    }
}
