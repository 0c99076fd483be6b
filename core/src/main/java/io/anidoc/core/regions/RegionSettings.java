package io.anidoc.core.regions;

/**
 * How line gaps are bridged before regions are labelled (see {@link GapCloser}); sizes are in pixels
 * per 1000 pixels of image width.
 *
 * @param lineGrowPer1000 radius the ink is thickened by
 * @param gapClosePer1000 diameter of the closing disk applied after thickening
 * @param minRegionArea   regions with fewer own pixels than this (per megapixel, at least 1) are not
 *                        regions of their own: their pixels take the nearest region, like ink does
 */
public record RegionSettings(double lineGrowPer1000, double gapClosePer1000, double minRegionArea) {

    public RegionSettings {
        if (lineGrowPer1000 < 0 || gapClosePer1000 < 0 || minRegionArea < 0) {
            throw new IllegalArgumentException("lineGrowPer1000, gapClosePer1000 and minRegionArea must be >= 0");
        }
    }

    public static RegionSettings defaults() {
        return new RegionSettings(2.0, 6.0, 6.0);
    }

    /** Thickening radius in pixels for an image of the given width. */
    public int lineGrow(int width) {
        return (int) Math.round(lineGrowPer1000 * width / 1000.0);
    }

    /** Closing disk diameter in pixels for an image of the given width; below 2 means no closing. */
    public int gapCloseDiameter(int width) {
        int d = (int) Math.round(gapClosePer1000 * width / 1000.0);
        return d < 2 ? 0 : d;
    }
}
