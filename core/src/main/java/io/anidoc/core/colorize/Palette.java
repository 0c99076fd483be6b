package io.anidoc.core.colorize;

import java.util.Arrays;

/**
 * The flat fill colors found in the references. Colors are packed 0xRRGGBB; index order is the
 * order given (most frequent first). Every output fill pixel is one of these colors exactly.
 */
public final class Palette {
    /** Index meaning "no palette color". */
    public static final int NONE = 0xFFFF;

    private final int[] colors;
    private final int[] sortedColors;
    private final int[] indexOfSorted;

    public Palette(int[] colors) {
        if (colors.length == 0 || colors.length >= NONE) {
            throw new IllegalArgumentException("a palette needs 1.." + (NONE - 1) + " colors, got " + colors.length);
        }
        this.colors = colors.clone();
        Integer[] order = new Integer[colors.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(colors[a], colors[b]));
        sortedColors = new int[colors.length];
        indexOfSorted = new int[colors.length];
        for (int i = 0; i < order.length; i++) {
            sortedColors[i] = colors[order[i]];
            indexOfSorted[i] = order[i];
            if (i > 0 && sortedColors[i] == sortedColors[i - 1]) {
                throw new IllegalArgumentException(String.format("palette color #%06X appears twice", sortedColors[i]));
            }
        }
    }

    public int size() {
        return colors.length;
    }

    /** 0xRRGGBB of entry i. */
    public int color(int index) {
        return colors[index];
    }

    public int[] colors() {
        return colors.clone();
    }

    /** Index of an exact 0xRRGGBB color, or {@link #NONE}. */
    public int indexOf(int rgb) {
        int k = Arrays.binarySearch(sortedColors, rgb);
        return k >= 0 ? indexOfSorted[k] : NONE;
    }

    public static int rgb(byte b, byte g, byte r) {
        return ((r & 0xff) << 16) | ((g & 0xff) << 8) | (b & 0xff);
    }
}
