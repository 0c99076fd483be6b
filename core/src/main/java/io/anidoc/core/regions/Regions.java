package io.anidoc.core.regions;

/**
 * Closed fill regions of one drawing.
 *
 * <p>Ink and bridged-gap pixels are listed apart with the nearest own pixel of each, rather than a
 * nearest pixel stored for every pixel: they are a small share of a frame, and a clip keeps the
 * regions of all its drawings at once (at 3840x2160, 33 MB less per drawing).
 *
 * @param labels     region id (0..count-1) of every pixel; ink and bridged-gap pixels carry the id of
 *                   their nearest own pixel, so a fill painted by id covers the whole frame
 * @param own        true where the pixel is a fill pixel of its region (paper, not ink)
 * @param inkPixels  the pixels that are not own, ascending
 * @param inkSources the nearest own pixel of each of {@code inkPixels}, in the same order
 * @param area       own pixel count per region
 */
public record Regions(int width, int height, int count, int[] labels, boolean[] own, int[] inkPixels, int[] inkSources,
                      int[] area) {

    public Regions {
        int n = width * height;
        if (labels.length != n || own.length != n || inkPixels.length != inkSources.length || area.length != count) {
            throw new IllegalArgumentException("region arrays do not match " + width + "x" + height + " and " + count + " regions");
        }
    }

    public int labelAt(int x, int y) {
        return labels[y * width + x];
    }

    /** Gives every ink pixel of {@code values} (one per pixel) the value of its nearest own pixel. */
    public void fillInk(short[] values) {
        for (int j = 0; j < inkPixels.length; j++) {
            values[inkPixels[j]] = values[inkSources[j]];
        }
    }
}
