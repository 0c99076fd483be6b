package io.anidoc.core.match;

/** An ordered pair of frame indices to match: points of {@code from} are looked up in {@code to}. */
public record FramePair(int from, int to) {

    public FramePair {
        if (from == to) {
            throw new IllegalArgumentException("a frame is not matched with itself: " + from);
        }
    }
}
