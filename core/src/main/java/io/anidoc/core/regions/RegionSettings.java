package io.anidoc.core.regions;

/**
 * @param gapClosePer1000 diameter of the closing that bridges line gaps, in pixels per 1000 pixels of
 *                        image width (gaps up to about this size do not let a fill leak)
 * @param minRegionArea   regions with fewer own pixels than this (per megapixel, at least 1) are not
 *                        regions of their own: their pixels take the nearest region, like ink does
 */
public record RegionSettings(double gapClosePer1000, double minRegionArea) {

    public RegionSettings {
        if (gapClosePer1000 < 0 || minRegionArea < 0) {
            throw new IllegalArgumentException("gapClosePer1000 and minRegionArea must be >= 0");
        }
    }

    public static RegionSettings defaults() {
        return new RegionSettings(8.0, 6.0);
    }

    /** Closing kernel diameter in pixels for an image of the given width; 0 or 1 means no closing. */
    public int gapCloseDiameter(int width) {
        int d = (int) Math.round(gapClosePer1000 * width / 1000.0);
        return d < 2 ? 0 : d;
    }
}
