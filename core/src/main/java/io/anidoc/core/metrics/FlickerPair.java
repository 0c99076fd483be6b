package io.anidoc.core.metrics;

/**
 * Temporal flicker between consecutive frames {@code from} and {@code from + 1}: over the pixels
 * that are non-line in both ground-truth frames and keep exactly the same ground-truth color, the
 * share where the prediction changes by more than the tolerance (10) on some channel. A perfect
 * colorization scores 0; colors that jump between frames in a region that did not change raise it.
 *
 * @param stablePixels number of pixels whose ground-truth color did not change
 */
public record FlickerPair(int from, int to, double flicker, long stablePixels) {
}
