package io.anidoc.core.synth;

import java.util.Arrays;

/**
 * The pixels of an image whose centers lie inside a closed polygon (even-odd rule), stored for the
 * polygon's bounding box only. Hard edges on purpose: fills have no antialiasing, lines cover the edges.
 */
final class Mask {
    final int x0;
    final int y0;
    final int width;
    final int height;
    private final boolean[] inside;

    private Mask(int x0, int y0, int width, int height) {
        this.x0 = x0;
        this.y0 = y0;
        this.width = width;
        this.height = height;
        this.inside = new boolean[Math.max(0, width) * Math.max(0, height)];
    }

    boolean contains(int x, int y) {
        int lx = x - x0;
        int ly = y - y0;
        return lx >= 0 && ly >= 0 && lx < width && ly < height && inside[ly * width + lx];
    }

    static Mask fill(double[] xy, int imageWidth, int imageHeight) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xy.length; i += 2) {
            minX = Math.min(minX, xy[i]);
            maxX = Math.max(maxX, xy[i]);
            minY = Math.min(minY, xy[i + 1]);
            maxY = Math.max(maxY, xy[i + 1]);
        }
        int bx0 = Math.max(0, (int) Math.floor(minX));
        int by0 = Math.max(0, (int) Math.floor(minY));
        int bx1 = Math.min(imageWidth - 1, (int) Math.ceil(maxX));
        int by1 = Math.min(imageHeight - 1, (int) Math.ceil(maxY));
        Mask mask = new Mask(bx0, by0, bx1 - bx0 + 1, by1 - by0 + 1);
        if (mask.width <= 0 || mask.height <= 0) {
            return mask;
        }
        int n = xy.length / 2;
        double[] crossings = new double[n];
        for (int y = by0; y <= by1; y++) {
            double yc = y + 0.5;
            int count = 0;
            for (int i = 0; i < n; i++) {
                int j = i + 1 == n ? 0 : i + 1;
                double ya = xy[2 * i + 1];
                double yb = xy[2 * j + 1];
                if ((ya <= yc) != (yb <= yc)) {
                    double xa = xy[2 * i];
                    double xb = xy[2 * j];
                    crossings[count++] = xa + (yc - ya) * (xb - xa) / (yb - ya);
                }
            }
            Arrays.sort(crossings, 0, count);
            int row = (y - by0) * mask.width;
            for (int k = 0; k + 1 < count; k += 2) {
                // pixel x is inside when its center x + 0.5 lies in [left, right)
                int from = Math.max(bx0, (int) Math.ceil(crossings[k] - 0.5));
                int to = Math.min(bx1, (int) Math.ceil(crossings[k + 1] - 0.5) - 1);
                for (int x = from; x <= to; x++) {
                    mask.inside[row + x - bx0] = true;
                }
            }
        }
        return mask;
    }
}
