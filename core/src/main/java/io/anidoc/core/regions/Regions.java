package io.anidoc.core.regions;

/**
 * Closed fill regions of one drawing.
 *
 * @param labels       region id (0..count-1) of every pixel; ink and bridged-gap pixels carry the id of
 *                     their nearest own pixel, so a fill painted by id covers the whole frame
 * @param own          true where the pixel is a fill pixel of its region (paper, not ink)
 * @param nearestOwn   index of the nearest own pixel of every pixel (itself for own pixels)
 * @param area         own pixel count per region
 */
public record Regions(int width, int height, int count, int[] labels, boolean[] own, int[] nearestOwn, int[] area) {

    public Regions {
        int n = width * height;
        if (labels.length != n || own.length != n || nearestOwn.length != n || area.length != count) {
            throw new IllegalArgumentException("region arrays do not match " + width + "x" + height + " and " + count + " regions");
        }
    }

    public int labelAt(int x, int y) {
        return labels[y * width + x];
    }
}
