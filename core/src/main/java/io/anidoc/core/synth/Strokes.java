package io.anidoc.core.synth;

/**
 * Antialiased strokes of variable width, drawn as the coverage of round-capped segments: the
 * coverage of a pixel is clamp(halfWidth - distance + 0.5, 0, 1) with distance from its center to
 * the polyline, and strokes combine by maximum so that overlapping segments do not darken the edges.
 */
final class Strokes {
    private Strokes() {
    }

    /**
     * Draws a polyline into {@code coverage} (row-major, width x height).
     *
     * @param halfWidth half width at every vertex
     * @param skip      segments left out (line gaps), or null
     * @param clip      only pixels inside this mask are drawn, or null
     * @param onRaise   called for every pixel whose coverage rose (index, new coverage), or null
     */
    static void draw(float[] coverage, int width, int height, double[] xy, boolean closed, double[] halfWidth,
                     boolean[] skip, Mask clip, CoverageListener onRaise) {
        int n = xy.length / 2;
        int segments = closed ? n : n - 1;
        for (int i = 0; i < segments; i++) {
            if (skip != null && skip[i]) {
                continue;
            }
            int j = (i + 1) % n;
            drawSegment(coverage, width, height, xy[2 * i], xy[2 * i + 1], xy[2 * j], xy[2 * j + 1],
                    halfWidth[i], halfWidth[j], clip, onRaise);
        }
    }

    private static void drawSegment(float[] coverage, int width, int height, double ax, double ay, double bx, double by,
                                    double ha, double hb, Mask clip, CoverageListener onRaise) {
        double reach = Math.max(ha, hb) + 1;
        int x0 = Math.max(0, (int) Math.floor(Math.min(ax, bx) - reach));
        int x1 = Math.min(width - 1, (int) Math.ceil(Math.max(ax, bx) + reach));
        int y0 = Math.max(0, (int) Math.floor(Math.min(ay, by) - reach));
        int y1 = Math.min(height - 1, (int) Math.ceil(Math.max(ay, by) + reach));
        double dx = bx - ax;
        double dy = by - ay;
        double length2 = dx * dx + dy * dy;
        for (int y = y0; y <= y1; y++) {
            double cy = y + 0.5;
            for (int x = x0; x <= x1; x++) {
                double cx = x + 0.5;
                double u = length2 > 0 ? ((cx - ax) * dx + (cy - ay) * dy) / length2 : 0;
                u = u < 0 ? 0 : (u > 1 ? 1 : u);
                double distance = Math.hypot(cx - (ax + u * dx), cy - (ay + u * dy));
                double a = ha + u * (hb - ha) - distance + 0.5;
                if (a <= 0) {
                    continue;
                }
                if (clip != null && !clip.contains(x, y)) {
                    continue;
                }
                float value = a >= 1 ? 1f : (float) a;
                int index = y * width + x;
                if (value > coverage[index]) {
                    coverage[index] = value;
                    if (onRaise != null) {
                        onRaise.raised(index, value);
                    }
                }
            }
        }
    }

    @FunctionalInterface
    interface CoverageListener {
        void raised(int index, float coverage);
    }
}
