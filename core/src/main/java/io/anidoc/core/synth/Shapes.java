package io.anidoc.core.synth;

/**
 * Closed outlines sampled as dense polygons (about one vertex every {@link #SPACING} pixels), in
 * interleaved (x, y) form, so that per-frame warps bend them smoothly.
 */
final class Shapes {
    static final double SPACING = 3.0;

    private Shapes() {
    }

    static double[] ellipse(double cx, double cy, double rx, double ry) {
        return blob(cx, cy, rx, ry, new double[0], new double[0]);
    }

    /**
     * A star-shaped blob: radius(theta) = r * (1 + sum amplitude[k] * cos((k + 2) * theta + phase[k])).
     */
    static double[] blob(double cx, double cy, double rx, double ry, double[] amplitude, double[] phase) {
        double perimeter = Math.PI * (3 * (rx + ry) - Math.sqrt((3 * rx + ry) * (rx + 3 * ry)));
        int n = Math.max(12, (int) Math.ceil(perimeter * 1.3 / SPACING));
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double theta = 2 * Math.PI * i / n;
            double radius = 1;
            for (int k = 0; k < amplitude.length; k++) {
                radius += amplitude[k] * Math.cos((k + 2) * theta + phase[k]);
            }
            xy[2 * i] = cx + rx * radius * Math.cos(theta);
            xy[2 * i + 1] = cy + ry * radius * Math.sin(theta);
        }
        return xy;
    }

    /** A polygon through the given corners, with its edges subdivided (corners stay sharp). */
    static double[] polygon(double... corners) {
        int m = corners.length / 2;
        int total = 0;
        int[] steps = new int[m];
        for (int i = 0; i < m; i++) {
            int j = (i + 1) % m;
            double length = Math.hypot(corners[2 * j] - corners[2 * i], corners[2 * j + 1] - corners[2 * i + 1]);
            steps[i] = Math.max(1, (int) Math.ceil(length / SPACING));
            total += steps[i];
        }
        double[] xy = new double[2 * total];
        int p = 0;
        for (int i = 0; i < m; i++) {
            int j = (i + 1) % m;
            for (int s = 0; s < steps[i]; s++) {
                double u = (double) s / steps[i];
                xy[p++] = corners[2 * i] + u * (corners[2 * j] - corners[2 * i]);
                xy[p++] = corners[2 * i + 1] + u * (corners[2 * j + 1] - corners[2 * i + 1]);
            }
        }
        return xy;
    }

    /** A regular star with {@code points} tips. */
    static double[] star(double cx, double cy, double outer, double inner, int points, double rotation) {
        double[] corners = new double[4 * points];
        for (int i = 0; i < 2 * points; i++) {
            double radius = i % 2 == 0 ? outer : inner;
            double theta = rotation + Math.PI * i / points - Math.PI / 2;
            corners[2 * i] = cx + radius * Math.cos(theta);
            corners[2 * i + 1] = cy + radius * Math.sin(theta);
        }
        return polygon(corners);
    }

    /** An open arc of an ellipse from angle {@code from} to {@code to} (radians). */
    static double[] arc(double cx, double cy, double rx, double ry, double from, double to) {
        double length = Math.abs(to - from) * (rx + ry) / 2;
        int n = Math.max(4, (int) Math.ceil(length / SPACING)) + 1;
        double[] xy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double theta = from + (to - from) * i / (n - 1);
            xy[2 * i] = cx + rx * Math.cos(theta);
            xy[2 * i + 1] = cy + ry * Math.sin(theta);
        }
        return xy;
    }
}
