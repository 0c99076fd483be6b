package io.anidoc.core.colorize;

/**
 * A reference frame as palette indices: every pixel holds the index of the fill color the reference
 * shows there; line and antialiased pixels hold the color of the nearest fill pixel, so the map is a
 * clean fill image of the reference ({@link ReferenceSet} builds them).
 */
public record ReferenceMap(int frame, int width, int height, short[] index) {

    public ReferenceMap {
        if (index.length != width * height) {
            throw new IllegalArgumentException("reference map of frame " + frame + " does not match " + width + "x" + height);
        }
    }
}
