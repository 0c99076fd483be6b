package io.anidoc.core.colorize;

import java.util.Arrays;

import io.anidoc.core.regions.Regions;

/**
 * The pixels of a drawing that vote: every {@code stride}-th pixel in both directions (each standing
 * for stride x stride pixels), and every own pixel of the regions too small or thin for the grid to
 * hit. The flow fields are stored at a quarter of the frame's resolution and interpolated, so
 * neighbouring pixels mostly repeat each other's vote; sampling keeps every region voted on.
 *
 * @param offset          first sampled column and row (the middle of the first cell)
 * @param sampled         per region: the grid hits one of its own pixels
 * @param unsampledPixels own pixels of the regions the grid misses, in scan order
 */
record VoteGrid(int stride, int offset, boolean[] sampled, int[] unsampledPixels) {

    static VoteGrid of(Regions regions, int stride) {
        if (stride < 1) {
            throw new IllegalArgumentException("vote stride must be at least 1, got " + stride);
        }
        int w = regions.width();
        int h = regions.height();
        int offset = stride / 2;
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        boolean[] sampled = new boolean[regions.count()];
        for (int y = offset; y < h; y += stride) {
            for (int x = offset; x < w; x += stride) {
                int i = y * w + x;
                if (own[i]) {
                    sampled[labels[i]] = true;
                }
            }
        }
        int[] unsampled = new int[16];
        int count = 0;
        if (!allTrue(sampled)) {
            for (int i = 0; i < labels.length; i++) {
                if (own[i] && !sampled[labels[i]]) {
                    if (count == unsampled.length) {
                        unsampled = Arrays.copyOf(unsampled, 2 * count);
                    }
                    unsampled[count++] = i;
                }
            }
        }
        return new VoteGrid(stride, offset, sampled, Arrays.copyOf(unsampled, count));
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }
}
