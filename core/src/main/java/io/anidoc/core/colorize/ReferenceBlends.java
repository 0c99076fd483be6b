package io.anidoc.core.colorize;

import java.util.Arrays;

import io.anidoc.core.regions.Regions;

/**
 * The colors each region of a reference holds: a region whose lines do not separate two fills (a hat
 * painted against the hair with no line between) holds both, and a drawing's region that lands in it
 * may hold both too, divided where the correspondence divides them rather than where a line does.
 */
final class ReferenceBlends {
    /** Smallest share of a reference region a color must cover to count as one of its fills. */
    static final double MIN_SHARE = 0.05;
    /** Smallest area, in pixels, a color must cover in a reference region to count as one of its fills. */
    static final int MIN_AREA = 400;

    private final int[][] colors;
    /** Per palette index: a fill of some region that holds two or more (most colors are not). */
    private final boolean[] blended;
    /** Per pair of palette indices: both are fills of one region that holds two or more. */
    private final boolean[][] together;
    /** Per {@link FrameSide} and palette index: pixels of the color along that side of the reference. */
    private final int[][] alongSide;
    private final boolean anySeveral;

    private ReferenceBlends(int[][] colors, int paletteSize, int[][] alongSide) {
        this.colors = colors;
        this.blended = new boolean[paletteSize];
        this.together = new boolean[paletteSize][paletteSize];
        this.alongSide = alongSide;
        boolean several = false;
        for (int[] held : colors) {
            if (held.length >= 2) {
                several = true;
                for (int c : held) {
                    blended[c] = true;
                    for (int other : held) {
                        if (other != c) {
                            together[c][other] = true;
                        }
                    }
                }
            }
        }
        this.anySeveral = several;
    }

    /** True when some region of the reference holds two or more fills (a cheap test before any lookup). */
    boolean anySeveral() {
        return anySeveral;
    }

    /**
     * @param regions      the reference's regions
     * @param paletteIndex the reference's palette index per pixel ({@link ReferenceMap#index})
     */
    static ReferenceBlends of(Regions regions, short[] paletteIndex, int paletteSize) {
        int count = regions.count();
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        // per region, its own pixels' palette indices (unsigned), bucketed by region with a counting sort
        int[] start = new int[count + 1];
        for (int i = 0; i < labels.length; i++) {
            if (own[i]) {
                start[labels[i] + 1]++;
            }
        }
        for (int k = 0; k < count; k++) {
            start[k + 1] += start[k];
        }
        int[] cursor = Arrays.copyOf(start, count);
        short[] sorted = new short[start[count]];
        for (int i = 0; i < labels.length; i++) {
            if (own[i]) {
                sorted[cursor[labels[i]]++] = paletteIndex[i];
            }
        }
        int[][] colors = new int[count][];
        int[] counts = new int[paletteSize];
        for (int k = 0; k < count; k++) {
            int from = start[k];
            int to = start[k + 1];
            for (int j = from; j < to; j++) {
                counts[sorted[j] & 0xffff]++;
            }
            int[] found = new int[0];
            for (int j = from; j < to; j++) {
                int c = sorted[j] & 0xffff;
                if (counts[c] >= MIN_AREA && counts[c] >= MIN_SHARE * (to - from)) {
                    found = Arrays.copyOf(found, found.length + 1);
                    found[found.length - 1] = c;
                }
                // counted once: later pixels of the same color no longer qualify
                counts[c] = Integer.MIN_VALUE;
            }
            for (int j = from; j < to; j++) {
                counts[sorted[j] & 0xffff] = 0;
            }
            colors[k] = found;
        }
        int[][] alongSide = new int[FrameSide.values().length][paletteSize];
        for (FrameSide side : FrameSide.values()) {
            for (int i : side.pixels(regions.width(), regions.height())) {
                if (own[i]) {
                    alongSide[side.ordinal()][paletteIndex[i] & 0xffff]++;
                }
            }
        }
        return new ReferenceBlends(colors, paletteSize, alongSide);
    }

    /** Pixels of {@code color} along {@code side} of the reference, one pixel deep (its regions' own pixels). */
    int pixelsAlong(FrameSide side, int color) {
        return color < blended.length ? alongSide[side.ordinal()][color] : 0;
    }

    /** True when some region of the reference holds both colors as fills (two different colors). */
    boolean together(int a, int b) {
        return a < blended.length && b < blended.length && together[a][b];
    }

    int paletteSize() {
        return blended.length;
    }

    /**
     * False when no region holds both colors (then {@link #holdsBoth} is false for every label): a
     * cheap test before the label is looked up.
     */
    boolean mayHoldBoth(int a, int b) {
        return a < blended.length && b < blended.length && blended[a] && blended[b];
    }

    /**
     * True when reference region {@code label} holds two or more fills: its area is that of several
     * painted parts, not of one shape (false for a label it does not have).
     */
    boolean holdsSeveral(int label) {
        return label >= 0 && label < colors.length && colors[label].length >= 2;
    }

    /** True when reference region {@code label} holds both colors as fills (false for a label it does not have). */
    boolean holdsBoth(int label, int a, int b) {
        if (label < 0 || label >= colors.length) {
            return false;
        }
        boolean hasA = false;
        boolean hasB = false;
        for (int c : colors[label]) {
            hasA |= c == a;
            hasB |= c == b;
        }
        return hasA && hasB;
    }
}
