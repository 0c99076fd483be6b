package io.anidoc.core.colorize;

import java.util.Arrays;

import io.anidoc.core.regions.Regions;

/**
 * How each region of a drawing corresponds to the regions of a reference through a dense
 * correspondence: the reference region most of its pixels land in, the share that lands there
 * (coherence) and the two regions' area ratio. A region that keeps its shape lands whole in one
 * region of about its size; one that lands across several regions, or in a much larger or smaller
 * one, was matched to something that changed shape (a swung hat brim, a closing eye) or to nothing.
 *
 * @param source    per drawing region: its dominant reference region (-1 without samples)
 * @param coherence per drawing region: share of its samples landing in {@code source} (0 without samples)
 * @param areaRatio per drawing region: its own area over {@code source}'s (1 without samples)
 */
record SourceRegions(int[] source, float[] coherence, float[] areaRatio) {

    /** Sample step in pixels: region-to-region statistics need far fewer samples than votes. */
    static final int STRIDE = 4;

    /**
     * @param referenceLabels the reference's region label per pixel (ink carries its nearest region's)
     * @param flow            lookups from the drawing into the reference ({@link VoteSource#of} over the labels)
     */
    static SourceRegions of(Regions drawing, Regions reference, VoteSource flow) {
        return of(drawing, reference, flow, VoteGrid.of(drawing, STRIDE));
    }

    /** As {@link #of(Regions, Regions, VoteSource)}, on the drawing's grid of {@link #STRIDE} found before. */
    static SourceRegions of(Regions drawing, Regions reference, VoteSource flow, VoteGrid grid) {
        if (grid.stride() != STRIDE) {
            throw new IllegalArgumentException("the landing is sampled every " + STRIDE + " pixels, not " + grid.stride());
        }
        int w = drawing.width();
        int h = drawing.height();
        int count = drawing.count();
        int[] labels = drawing.labels();
        boolean[] own = drawing.own();
        // the grid's samples and every pixel of the regions it misses (small or thin), bucketed by
        // drawing region (counting sort): deterministic, no hashing
        int offset = grid.offset();
        int[] multiple = grid.multiple();
        int[] perRegion = new int[count + 1];
        for (int y = offset, row = 0; y < h; y += STRIDE, row++) {
            for (int x = offset, column = 0; x < w; x += STRIDE, column++) {
                int i = y * w + x;
                if (own[i] && VoteGrid.votes(multiple[labels[i]], row, column)) {
                    perRegion[labels[i] + 1]++;
                }
            }
        }
        for (int i : grid.unsampledPixels()) {
            perRegion[labels[i] + 1]++;
        }
        for (int k = 0; k < count; k++) {
            perRegion[k + 1] += perRegion[k];
        }
        int[] cursor = Arrays.copyOf(perRegion, count);
        int[] landed = new int[perRegion[count]];
        for (int y = offset, row = 0; y < h; y += STRIDE, row++) {
            flow.row(y);
            for (int x = offset, column = 0; x < w; x += STRIDE, column++) {
                int i = y * w + x;
                if (own[i] && VoteGrid.votes(multiple[labels[i]], row, column)) {
                    landed[cursor[labels[i]]++] = flow.index(x, y);
                }
            }
        }
        for (int i : grid.unsampledPixels()) {
            int y = i / w;
            flow.row(y);
            landed[cursor[labels[i]]++] = flow.index(i - y * w, y);
        }
        int[] source = new int[count];
        float[] coherence = new float[count];
        float[] areaRatio = new float[count];
        int[] refArea = reference.area();
        // per region, the reference label most of its samples land in (the lowest on a tie), counted in
        // one scratch array that is cleared after each region
        int[] counts = new int[Math.min(65536, Math.max(1, reference.count()))];
        for (int k = 0; k < count; k++) {
            int from = perRegion[k];
            int to = perRegion[k + 1];
            source[k] = -1;
            areaRatio[k] = 1f;
            if (to == from) {
                continue;
            }
            for (int j = from; j < to; j++) {
                counts[landed[j]]++;
            }
            int best = -1;
            int bestRun = 0;
            for (int j = from; j < to; j++) {
                int label = landed[j];
                if (counts[label] > bestRun || counts[label] == bestRun && label < best) {
                    bestRun = counts[label];
                    best = label;
                }
            }
            for (int j = from; j < to; j++) {
                counts[landed[j]] = 0;
            }
            source[k] = best;
            coherence[k] = (float) bestRun / (to - from);
            int area = best < refArea.length ? refArea[best] : 0;
            areaRatio[k] = (float) drawing.area()[k] / Math.max(1, area);
        }
        return new SourceRegions(source, coherence, areaRatio);
    }

    /** The reference's region labels as a lookup target (labels past 65535 share the last value). */
    static short[] labelTarget(Regions reference) {
        int[] labels = reference.labels();
        short[] target = new short[labels.length];
        for (int i = 0; i < labels.length; i++) {
            target[i] = (short) Math.min(65535, labels[i]);
        }
        return target;
    }
}
