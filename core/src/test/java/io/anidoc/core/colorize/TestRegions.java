package io.anidoc.core.colorize;

import java.util.function.IntBinaryOperator;

import io.anidoc.core.regions.Regions;

/** Regions for tests, drawn by a function from pixel to region. */
final class TestRegions {
    private TestRegions() {
    }

    /**
     * @param regionOf each pixel's region, -1 on a line (which then carries region 0's label and is its
     *                 own nearest pixel: its fill is left as it is)
     */
    static Regions of(int w, int h, int count, IntBinaryOperator regionOf) {
        int[] labels = new int[w * h];
        boolean[] own = new boolean[w * h];
        java.util.List<Integer> ink = new java.util.ArrayList<>();
        int[] area = new int[count];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int region = regionOf.applyAsInt(x, y);
                labels[i] = Math.max(0, region);
                if (region >= 0) {
                    own[i] = true;
                    area[region]++;
                } else {
                    ink.add(i);
                }
            }
        }
        int[] inkPixels = ink.stream().mapToInt(Integer::intValue).toArray();
        return new Regions(w, h, count, labels, own, inkPixels, inkPixels.clone(), area);
    }
}
