package io.anidoc.core.colorize;

import java.util.List;

/**
 * A region a painter should check: where it is, the color it was given and the other colors its votes
 * named, most supported first.
 *
 * @param confidence 0-255, as in the confidence layer
 * @param color      the color it was painted, 0xRRGGBB
 * @param candidates other candidate colors, 0xRRGGBB, most supported first (may be empty)
 */
public record UncertainRegion(int x, int y, int width, int height, int area, int confidence, int color,
                              List<Integer> candidates) {

    public UncertainRegion {
        candidates = List.copyOf(candidates);
    }

    /** Hex form used in manifests and events: {@code #rrggbb}. */
    public static String hex(int rgb) {
        return String.format(java.util.Locale.ROOT, "#%06x", rgb & 0xffffff);
    }
}
