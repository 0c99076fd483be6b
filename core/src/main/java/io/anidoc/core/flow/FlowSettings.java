package io.anidoc.core.flow;

/**
 * @param scale          resolution the flow is computed at, relative to the frame (0.5 = half width and height)
 * @param maxWidth       widest flow image: larger frames are flowed at a lower scale (see {@link #scaleFor}),
 *                       since DIS costs in proportion to its pixels and a 1080p frame's lines and motion
 *                       are drawn larger, not finer, than a 1024-wide one's
 * @param gridScale      resolution of the stored fields (DIS refines its flow at a coarser scale than
 *                       its input anyway, so a coarser grid loses little and keeps blobs small)
 * @param preset         DIS preset of the flows that carry colors (drawing to reference, drawing to
 *                       neighbour): 0 ultrafast, 1 fast, 2 medium
 * @param checkPreset    DIS preset of the reverse flows, which only serve the consistency check
 * @param featureRange   distance to the nearest line (pixels at flow resolution of {@code scale}) over
 *                       which the flow input ramps from black to white; gives flat areas texture to match
 *                       on. At a lower working scale it spans the same frame distance
 * @param consistencyPx  forward-backward error (frame pixels) at which confidence falls to about 37%
 */
public record FlowSettings(double scale, int maxWidth, double gridScale, int preset, int checkPreset, double featureRange, double consistencyPx) {

    public FlowSettings {
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("flow scale must be in (0, 1], got " + scale);
        }
        if (maxWidth < 16) {
            throw new IllegalArgumentException("maxWidth must be at least 16, got " + maxWidth);
        }
        if (!(gridScale > 0 && gridScale <= scale)) {
            throw new IllegalArgumentException("gridScale must be in (0, scale], got " + gridScale);
        }
        if (preset < 0 || preset > 2 || checkPreset < 0 || checkPreset > 2) {
            throw new IllegalArgumentException("DIS presets must be 0, 1 or 2, got " + preset + " and " + checkPreset);
        }
        if (!(featureRange > 0) || !(consistencyPx > 0)) {
            throw new IllegalArgumentException("featureRange and consistencyPx must be positive");
        }
    }

    public static FlowSettings defaults() {
        return new FlowSettings(0.5, 640, 0.25, 2, 1, 48.0, 3.0);
    }

    /** The scale a frame of this width is flowed at. */
    public double scaleFor(int width) {
        return Math.min(scale, (double) maxWidth / width);
    }

    /** The stored grid's scale for a frame of this width (never finer than the flow). */
    public double gridScaleFor(int width) {
        return Math.min(gridScale, scaleFor(width));
    }

    /** The feature ramp's length in pixels of the flow image of a frame of this width. */
    public double featureRangeFor(int width) {
        return featureRange * scaleFor(width) / scale;
    }
}
