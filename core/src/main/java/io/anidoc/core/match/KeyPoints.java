package io.anidoc.core.match;

import java.util.Arrays;

/**
 * SIFT keypoints of one image in full-resolution pixel coordinates, laid out as the SIFT-LightGlue
 * model expects them: {@code kpts [N,2]} = {@link #xy}, {@code desc [N,128]} = {@link #descriptors}
 * (RootSIFT), {@code scales [N]} = {@link #scale}, {@code oris [N]} = {@link #angle} (radians) and
 * {@code image_size [2]} = (width, height).
 *
 * <p>Arrays are shared, not copied: treat them as read-only.
 *
 * @param width       image width in pixels
 * @param height      image height in pixels
 * @param xy          x0, y0, x1, y1, ... (pixel centers at integer coordinates)
 * @param scale       keypoint diameter (OpenCV {@code KeyPoint.size}) in full-resolution pixels
 * @param angle       orientation in radians, [0, 2&pi;), OpenCV's convention: measured from the +x axis
 *                    towards +y (image y points down, so clockwise on screen)
 * @param descriptors N rows of {@value #DESCRIPTOR_SIZE} RootSIFT values (non-negative, unit L2 norm)
 */
public record KeyPoints(int width, int height, float[] xy, float[] scale, float[] angle, float[] descriptors) {

    public static final int DESCRIPTOR_SIZE = 128;

    public KeyPoints {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (xy == null || scale == null || angle == null || descriptors == null) {
            throw new IllegalArgumentException("keypoint arrays must not be null");
        }
        int n = scale.length;
        if (xy.length != 2 * n || angle.length != n || descriptors.length != DESCRIPTOR_SIZE * n) {
            throw new IllegalArgumentException("inconsistent keypoint arrays: xy " + xy.length + ", scale " + n
                    + ", angle " + angle.length + ", descriptors " + descriptors.length + " (expected 2N, N, N, 128N)");
        }
    }

    public static KeyPoints empty(int width, int height) {
        return new KeyPoints(width, height, new float[0], new float[0], new float[0], new float[0]);
    }

    public int size() {
        return scale.length;
    }

    public float x(int i) {
        return xy[2 * i];
    }

    public float y(int i) {
        return xy[2 * i + 1];
    }

    /** The {@code image_size} tensor: (width, height). */
    public float[] imageSize() {
        return new float[] {width, height};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPoints k && width == k.width && height == k.height
                && Arrays.equals(xy, k.xy) && Arrays.equals(scale, k.scale)
                && Arrays.equals(angle, k.angle) && Arrays.equals(descriptors, k.descriptors);
    }

    @Override
    public int hashCode() {
        int h = 31 * width + height;
        h = 31 * h + Arrays.hashCode(xy);
        h = 31 * h + Arrays.hashCode(scale);
        h = 31 * h + Arrays.hashCode(angle);
        return 31 * h + Arrays.hashCode(descriptors);
    }

    @Override
    public String toString() {
        return "KeyPoints[" + width + "x" + height + ", n=" + size() + "]";
    }
}
