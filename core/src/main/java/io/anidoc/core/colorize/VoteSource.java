package io.anidoc.core.colorize;

import io.anidoc.core.flow.FlowField;
import io.anidoc.core.image.Pixels;

/**
 * Per-pixel votes of one colored frame seen through a flow field: the palette index found at each
 * pixel's target, and the vote's weight (frame weight times confidence, with a floor). The grid flow
 * is interpolated bilinearly per pixel; targets outside the frame take the nearest edge pixel.
 */
record VoteSource(short[] index, float[] weight) {

    /**
     * @param targetIndex palette index per pixel of the target frame (same size as the drawing)
     */
    static VoteSource of(FlowField field, int w, int h, short[] targetIndex, double frameWeight, double floor) {
        int gw = field.gridWidth();
        int gh = field.gridHeight();
        short[] fdx = field.dx();
        short[] fdy = field.dy();
        byte[] fconf = field.confidence();
        int[] x0 = new int[w];
        int[] x1 = new int[w];
        float[] ax = new float[w];
        for (int x = 0; x < w; x++) {
            float g = Math.max(0f, Math.min(gw - 1f, (x + 0.5f) * gw / w - 0.5f));
            x0[x] = (int) g;
            x1[x] = Math.min(gw - 1, x0[x] + 1);
            ax[x] = g - x0[x];
        }
        short[] index = new short[w * h];
        float[] weight = new float[w * h];
        float unit = 1f / FlowField.UNITS_PER_PIXEL;
        float confScale = (float) (frameWeight / 255.0);
        float base = (float) (frameWeight * floor);
        // grid rows interpolated vertically once per frame row, then horizontally per pixel
        float[] rowDx = new float[gw];
        float[] rowDy = new float[gw];
        float[] rowConf = new float[gw];
        for (int y = 0; y < h; y++) {
            float gy = Math.max(0f, Math.min(gh - 1f, (y + 0.5f) * gh / h - 0.5f));
            int r0 = (int) gy;
            int r1 = Math.min(gh - 1, r0 + 1);
            float ay = gy - r0;
            float by = 1 - ay;
            for (int g = 0; g < gw; g++) {
                int a = r0 * gw + g;
                int c = r1 * gw + g;
                rowDx[g] = (fdx[a] * by + fdx[c] * ay) * unit;
                rowDy[g] = (fdy[a] * by + fdy[c] * ay) * unit;
                rowConf[g] = (fconf[a] & 0xff) * by + (fconf[c] & 0xff) * ay;
            }
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int a = x0[x];
                int b = x1[x];
                float fx = ax[x];
                float dx = rowDx[a] + (rowDx[b] - rowDx[a]) * fx;
                float dy = rowDy[a] + (rowDy[b] - rowDy[a]) * fx;
                float conf = rowConf[a] + (rowConf[b] - rowConf[a]) * fx;
                int tx = Math.round(x + dx);
                int ty = Math.round(y + dy);
                tx = tx < 0 ? 0 : tx >= w ? w - 1 : tx;
                ty = ty < 0 ? 0 : ty >= h ? h - 1 : ty;
                index[row + x] = targetIndex[ty * w + tx];
                weight[row + x] = base + confScale * conf;
            }
        }
        return new VoteSource(index, weight);
    }

    /**
     * Votes of proposed colors: each pixel votes, with the same weight, for the palette color
     * nearest (RGB distance) to its proposed color.
     */
    static VoteSource ofColors(org.opencv.core.Mat bgr, Palette palette, double weight) {
        byte[] px = Pixels.bytes(bgr);
        int n = px.length / 3;
        int[] colors = palette.colors();
        short[] index = new short[n];
        // proposals repeat colors a lot: remember the last answers in a small direct-mapped cache
        int[] cachedRgb = new int[4096];
        short[] cachedIndex = new short[4096];
        java.util.Arrays.fill(cachedRgb, -1);
        for (int i = 0; i < n; i++) {
            int rgb = Palette.rgb(px[3 * i], px[3 * i + 1], px[3 * i + 2]);
            int slot = (rgb ^ (rgb >>> 12)) & 4095;
            if (cachedRgb[slot] != rgb) {
                cachedRgb[slot] = rgb;
                cachedIndex[slot] = (short) nearest(rgb, colors);
            }
            index[i] = cachedIndex[slot];
        }
        float[] weights = new float[n];
        java.util.Arrays.fill(weights, (float) weight);
        return new VoteSource(index, weights);
    }

    /** Index of the palette color nearest to {@code rgb}; the lowest index on ties. */
    static int nearest(int rgb, int[] palette) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        int best = 0;
        int bestDistance = Integer.MAX_VALUE;
        for (int k = 0; k < palette.length; k++) {
            int dr = r - ((palette[k] >> 16) & 0xff);
            int dg = g - ((palette[k] >> 8) & 0xff);
            int db = b - (palette[k] & 0xff);
            int distance = dr * dr + dg * dg + db * db;
            if (distance < bestDistance) {
                bestDistance = distance;
                best = k;
            }
        }
        return best;
    }
}
