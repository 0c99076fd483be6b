package io.anidoc.core.colorize;

import java.util.Arrays;

import io.anidoc.core.regions.Regions;

/**
 * The pixels of a drawing that vote: every {@code stride}-th pixel in both directions (each standing
 * for stride x stride pixels), and every own pixel of the regions too small or thin for the grid to
 * hit. The flow fields are stored at a quarter of the frame's resolution and interpolated, so
 * neighbouring pixels mostly repeat each other's vote; sampling keeps every region voted on.
 *
 * <p>A large region votes on a sparser grid of its own: every {@code multiple}-th sample of the grid
 * in both directions, each standing for multiple x multiple times more pixels, as long as it keeps at
 * least {@code minSamples} samples. Its shares of the votes are then estimated from thousands of
 * samples instead of hundreds of thousands (on the real shots measured, no color changed).
 *
 * @param offset          first sampled column and row (the middle of the first cell)
 * @param sampled         per region: the grid hits one of its own pixels
 * @param unsampledPixels own pixels of the regions the grid misses, in scan order
 * @param multiple        per region: 1, 2 or 4, the region votes on every multiple-th grid column of every
 *                        multiple-th grid row (counted from the first)
 */
record VoteGrid(int stride, int offset, boolean[] sampled, int[] unsampledPixels, int[] multiple) {

    /** The largest multiple of the grid's stride a region may vote on. */
    static final int MAX_MULTIPLE = 4;

    static VoteGrid of(Regions regions, int stride) {
        return of(regions, stride, Integer.MAX_VALUE);
    }

    /**
     * @param minSamples a region votes on a sparser grid only where that grid still hits this many of
     *                   its own pixels (Integer.MAX_VALUE: every region on the full grid)
     */
    static VoteGrid of(Regions regions, int stride, int minSamples) {
        if (stride < 1) {
            throw new IllegalArgumentException("vote stride must be at least 1, got " + stride);
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("minSamples must be at least 1, got " + minSamples);
        }
        int w = regions.width();
        int h = regions.height();
        int offset = stride / 2;
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        int count = regions.count();
        boolean[] sampled = new boolean[count];
        // hits per region on the sparser grids: hits[level * count + k] for the grid of multiple 2^level
        int levels = Integer.numberOfTrailingZeros(MAX_MULTIPLE) + 1;
        int[] hits = new int[levels * count];
        for (int y = offset, row = 0; y < h; y += stride, row++) {
            for (int x = offset, column = 0; x < w; x += stride, column++) {
                int i = y * w + x;
                if (own[i]) {
                    int label = labels[i];
                    sampled[label] = true;
                    // the sparser grids this sample belongs to: as many as both indices have trailing zero bits
                    int shared = Math.min(levels - 1, Integer.numberOfTrailingZeros(row | column | (1 << (levels - 1))));
                    for (int level = 1; level <= shared; level++) {
                        hits[level * count + label]++;
                    }
                }
            }
        }
        int[] multiple = new int[count];
        for (int k = 0; k < count; k++) {
            multiple[k] = 1;
            for (int level = levels - 1; level >= 1; level--) {
                if (hits[level * count + k] >= minSamples) {
                    multiple[k] = 1 << level;
                    break;
                }
            }
        }
        int[] unsampled = new int[16];
        int found = 0;
        if (!allTrue(sampled)) {
            for (int i = 0; i < labels.length; i++) {
                if (own[i] && !sampled[labels[i]]) {
                    if (found == unsampled.length) {
                        unsampled = Arrays.copyOf(unsampled, 2 * found);
                    }
                    unsampled[found++] = i;
                }
            }
        }
        return new VoteGrid(stride, offset, sampled, Arrays.copyOf(unsampled, found), multiple);
    }

    /** Whether the sample at this grid row and column (counted from 0) votes for a region of this multiple. */
    static boolean votes(int multiple, int row, int column) {
        int mask = multiple - 1;
        return (row & mask) == 0 && (column & mask) == 0;
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
