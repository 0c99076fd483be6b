package io.anidoc.core.metrics;

/**
 * One kind of mistake over a shot: non-line pixels whose ground truth is {@code truth} painted
 * {@code painted} instead (both 0xRRGGBB), in {@code frames} scored frames. The largest tell what
 * goes wrong (the hair painted as skin, a fist as the sleeve) without opening the frames.
 */
public record Confusion(int truth, int painted, long pixels, int frames) {
}
