package io.anidoc.core.flow;

/**
 * @param scale          resolution of the flow relative to the frame (0.5 = half width and height)
 * @param preset         DIS preset: 0 ultrafast, 1 fast, 2 medium
 * @param featureRange   distance to the nearest line (pixels at flow resolution) over which the flow
 *                       input ramps from black to white; gives flat areas texture to match on
 * @param consistencyPx  forward-backward error (frame pixels) at which confidence falls to about 37%
 */
public record FlowSettings(double scale, int preset, double featureRange, double consistencyPx) {

    public FlowSettings {
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("flow scale must be in (0, 1], got " + scale);
        }
        if (preset < 0 || preset > 2) {
            throw new IllegalArgumentException("DIS preset must be 0, 1 or 2, got " + preset);
        }
        if (!(featureRange > 0) || !(consistencyPx > 0)) {
            throw new IllegalArgumentException("featureRange and consistencyPx must be positive");
        }
    }

    public static FlowSettings defaults() {
        return new FlowSettings(0.5, 2, 24.0, 3.0);
    }
}
