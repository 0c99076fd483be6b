package io.anidoc.core.colorize;

import io.anidoc.core.flow.FlowField;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.regions.Regions;

/**
 * Per-pixel votes of one colored frame seen through a flow field: the palette index found at each
 * pixel's target, and the vote's weight (frame weight times confidence, with a floor). The grid flow
 * is interpolated bilinearly per pixel; targets outside the frame take the nearest edge pixel.
 *
 * <p>Votes are computed where they are needed, not stored per pixel: on a {@link VoteGrid}'s sample
 * pixels for the region votes, and over a window for a leak split.
 */
abstract class VoteSource {

    /** Brings the source to frame row y before {@link #index} and {@link #weight} are asked on it. */
    abstract void row(int y);

    /** Palette index the pixel (x, y) votes for; y is the current row. */
    abstract int index(int x, int y);

    /** Weight of the vote of pixel (x, y); y is the current row, and {@link #index} was just asked for the pixel. */
    abstract float weight(int x, int y);

    /** Adds the source's votes at the grid's sample pixels, each weighted by the pixels it stands for. */
    final void addTo(RegionVotes votes, Regions regions, VoteGrid grid) {
        int w = regions.width();
        int h = regions.height();
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        int stride = grid.stride();
        float area = stride * stride;
        boolean[] sampled = grid.sampled();
        int[] multiple = grid.multiple();
        // neighbouring samples mostly vote for the same color of the same region: a run's weights are
        // summed in the order the votes come, starting from what the slot holds, as adding each to the
        // slot would (the same sums to the last bit)
        int runRegion = -1;
        int runColor = -1;
        double runWeight = 0;
        for (int y = grid.offset(), row = 0; y < h; y += stride, row++) {
            row(y);
            for (int x = grid.offset(), column = 0; x < w; x += stride, column++) {
                int i = y * w + x;
                int label = labels[i];
                int m = multiple[label];
                if (own[i] && sampled[label] && VoteGrid.votes(m, row, column)) {
                    int color = index(x, y);
                    if (label != runRegion || color != runColor) {
                        if (runRegion >= 0) {
                            votes.set(runRegion, runColor, runWeight);
                        }
                        runRegion = label;
                        runColor = color;
                        runWeight = votes.get(label, color);
                    }
                    runWeight += weight(x, y) * area * (m * m);
                }
            }
        }
        if (runRegion >= 0) {
            votes.set(runRegion, runColor, runWeight);
        }
        for (int i : grid.unsampledPixels()) {
            int y = i / w;
            int x = i - y * w;
            row(y);
            votes.add(labels[i], index(x, y), weight(x, y));
        }
    }

    /** Fills index and weight of every pixel of a window of the frame (row-major, bw x bh). */
    final void window(int x0, int y0, int bw, int bh, short[] index, float[] weight) {
        for (int y = 0; y < bh; y++) {
            row(y0 + y);
            for (int x = 0; x < bw; x++) {
                index[y * bw + x] = (short) index(x0 + x, y0 + y);
                weight[y * bw + x] = weight(x0 + x, y0 + y);
            }
        }
    }

    /**
     * @param targetIndex palette index per pixel of the target frame (same size as the drawing)
     */
    static VoteSource of(FlowField field, int w, int h, short[] targetIndex, double frameWeight, double floor) {
        return new Flowed(field, w, h, targetIndex, frameWeight, floor, null);
    }

    /**
     * Like {@link #of}, each vote further weighted by how sure the target frame's paint is where it
     * lands ({@code targetCertainty}, 0-255 per pixel; null weighs every vote as {@link #of} does).
     */
    static VoteSource of(FlowField field, int w, int h, short[] targetIndex, byte[] targetCertainty, double frameWeight,
                         double floor) {
        return new Flowed(field, w, h, targetIndex, frameWeight, floor, targetCertainty);
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
        return new Fixed(bgr.cols(), index, (float) weight);
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

    /** Votes looked up through a grid flow field. */
    private static final class Flowed extends VoteSource {
        private final FlowField field;
        private final int w;
        private final int h;
        private final short[] targetIndex;
        private final float unit = 1f / FlowField.UNITS_PER_PIXEL;
        private final float confScale;
        private final float base;
        private final int[] x0;
        private final int[] x1;
        private final float[] ax;
        // one grid row interpolated vertically for the frame row being sampled
        private final float[] rowDx;
        private final float[] rowDy;
        private final float[] rowConf;
        private int cachedRow = -1;
        private final byte[] targetCertainty;
        // the pixel the last index() landed on: weight() asks how sure the target is there
        private int lastTarget;

        Flowed(FlowField field, int w, int h, short[] targetIndex, double frameWeight, double floor, byte[] targetCertainty) {
            this.field = field;
            this.targetCertainty = targetCertainty;
            this.w = w;
            this.h = h;
            this.targetIndex = targetIndex;
            this.confScale = (float) (frameWeight / 255.0);
            this.base = (float) (frameWeight * floor);
            int gw = field.gridWidth();
            x0 = new int[w];
            x1 = new int[w];
            ax = new float[w];
            for (int x = 0; x < w; x++) {
                float g = Math.max(0f, Math.min(gw - 1f, (x + 0.5f) * gw / w - 0.5f));
                x0[x] = (int) g;
                x1[x] = Math.min(gw - 1, x0[x] + 1);
                ax[x] = g - x0[x];
            }
            rowDx = new float[gw];
            rowDy = new float[gw];
            rowConf = new float[gw];
        }

        @Override
        void row(int y) {
            if (y == cachedRow) {
                return;
            }
            int gw = field.gridWidth();
            int gh = field.gridHeight();
            short[] fdx = field.dx();
            short[] fdy = field.dy();
            byte[] fconf = field.confidence();
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
            cachedRow = y;
        }

        @Override
        int index(int x, int y) {
            int a = x0[x];
            int b = x1[x];
            float fx = ax[x];
            float dx = rowDx[a] + (rowDx[b] - rowDx[a]) * fx;
            float dy = rowDy[a] + (rowDy[b] - rowDy[a]) * fx;
            // floor(v + 0.5) in double equals Math.round(float) for every float, without its branches
            int tx = (int) Math.floor((double) (x + dx) + 0.5);
            int ty = (int) Math.floor((double) (y + dy) + 0.5);
            tx = tx < 0 ? 0 : tx >= w ? w - 1 : tx;
            ty = ty < 0 ? 0 : ty >= h ? h - 1 : ty;
            lastTarget = ty * w + tx;
            return targetIndex[lastTarget] & 0xffff;
        }

        @Override
        float weight(int x, int y) {
            int a = x0[x];
            float conf = rowConf[a] + (rowConf[x1[x]] - rowConf[a]) * ax[x];
            float weight = base + confScale * conf;
            return targetCertainty == null ? weight : weight * (targetCertainty[lastTarget] & 0xff) * (1f / 255);
        }
    }

    /** Votes given per pixel with one weight. */
    private static final class Fixed extends VoteSource {
        private final int w;
        private final short[] index;
        private final float weight;

        Fixed(int w, short[] index, float weight) {
            this.w = w;
            this.index = index;
            this.weight = weight;
        }

        @Override
        void row(int y) {
            // votes are stored per pixel
        }

        @Override
        int index(int x, int y) {
            return index[y * w + x] & 0xffff;
        }

        @Override
        float weight(int x, int y) {
            return weight;
        }
    }
}
