package io.anidoc.core.flow;

/**
 * Dense correspondence from every pixel of frame {@code from} to frame {@code to}, on a grid at
 * reduced resolution. Displacements are quantized to 1/8 frame pixel so a field written and read
 * back is the same field.
 *
 * @param gridWidth  grid columns; grid point (gx, gy) stands for frame pixel (gx / scaleX, gy / scaleY)
 * @param gridHeight grid rows
 * @param dx         x displacement per grid point, in 1/8 frame pixels
 * @param dy         y displacement per grid point, in 1/8 frame pixels
 * @param confidence 0..255 per grid point, from forward-backward consistency
 */
public record FlowField(int from, int to, int gridWidth, int gridHeight, short[] dx, short[] dy, byte[] confidence) {
    public static final float UNITS_PER_PIXEL = 8f;

    public FlowField {
        int n = gridWidth * gridHeight;
        if (gridWidth < 1 || gridHeight < 1 || dx.length != n || dy.length != n || confidence.length != n) {
            throw new IllegalArgumentException("flow field arrays do not match a " + gridWidth + "x" + gridHeight + " grid");
        }
    }

    /** Mean confidence in 0..1. */
    public double meanConfidence() {
        long sum = 0;
        for (byte c : confidence) {
            sum += c & 0xff;
        }
        return sum / (255.0 * confidence.length);
    }
}
