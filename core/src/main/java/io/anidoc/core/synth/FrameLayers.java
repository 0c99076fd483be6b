package io.anidoc.core.synth;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One drawing as layers rendered from its geometry: the flat fill color of every pixel, the
 * coverage of black main lines and the coverage and color of trace lines. The line art and the
 * ground truth are both composed from these layers, which keeps them exactly consistent.
 */
final class FrameLayers {
    private static final double TRACE_HALF_WIDTH = 0.85;

    final int width;
    final int height;
    /** Flat fill color per pixel, 0xRRGGBB, as the painter fills the region (trace lines included). */
    final int[] fill;
    /** Main (black) line coverage 0..1. */
    final float[] ink;
    /** Trace line coverage 0..1 and color. */
    final float[] trace;
    final int[] traceColor;

    FrameLayers(int width, int height, int background) {
        this.width = width;
        this.height = height;
        this.fill = new int[width * height];
        Arrays.fill(fill, background);
        this.ink = new float[width * height];
        this.trace = new float[width * height];
        this.traceColor = new int[width * height];
    }

    /**
     * Paints one item over what is there: its fill and shades replace the fill and clear the lines
     * behind it, then its trace lines and outline are drawn.
     *
     * @param gaps random source for line gaps, or null for unbroken outlines
     */
    void paint(DrawItem item, SplittableRandom gaps) {
        if (item instanceof DrawItem.Filled filled) {
            paintFilled(filled, gaps);
        } else if (item instanceof DrawItem.OpenLine line) {
            Strokes.draw(ink, width, height, line.path(), false, halfWidths(line.path(), false, line.style()),
                    null, null, null);
        }
    }

    private void paintFilled(DrawItem.Filled item, SplittableRandom gaps) {
        Mask inside = Mask.fill(item.outline(), width, height);
        for (int y = inside.y0; y < inside.y0 + inside.height; y++) {
            for (int x = inside.x0; x < inside.x0 + inside.width; x++) {
                if (inside.contains(x, y)) {
                    int i = y * width + x;
                    fill[i] = item.color();
                    ink[i] = 0;
                    trace[i] = 0;
                }
            }
        }
        for (DrawItem.Shade shade : item.shades()) {
            Mask area = Mask.fill(shade.area(), width, height);
            for (int y = area.y0; y < area.y0 + area.height; y++) {
                for (int x = area.x0; x < area.x0 + area.width; x++) {
                    if (area.contains(x, y) && inside.contains(x, y)) {
                        fill[y * width + x] = shade.color();
                    }
                }
            }
            double[] half = new double[shade.area().length / 2];
            Arrays.fill(half, TRACE_HALF_WIDTH);
            int color = shade.traceColor();
            Strokes.draw(trace, width, height, shade.area(), true, half, null, inside,
                    (index, coverage) -> traceColor[index] = color);
        }
        double[] half = halfWidths(item.outline(), true, item.style());
        boolean[] skip = gaps == null ? null : gapSegments(item.outline(), half, gaps);
        Strokes.draw(ink, width, height, item.outline(), true, half, skip, null, null);
    }

    /** Half widths along a line: a smooth wave between the style's widths, tapered at the ends of open lines. */
    private static double[] halfWidths(double[] xy, boolean closed, DrawItem.LineStyle style) {
        double[] arc = arcLengths(xy, closed);
        int n = xy.length / 2;
        double total = arc[n];
        double[] half = new double[n];
        for (int i = 0; i < n; i++) {
            double s = total > 0 ? arc[i] / total : 0;
            double wave = 0.5 + 0.5 * Math.sin(2 * Math.PI * style.waves() * s + style.phase());
            double w = style.minWidth() + (style.maxWidth() - style.minWidth()) * wave;
            if (!closed) {
                double fromEnd = Math.min(arc[i], total - arc[i]);
                w *= 0.55 + 0.45 * Math.min(1, fromEnd / 8);
            }
            half[i] = w / 2;
        }
        return half;
    }

    /** Arc length at every vertex; the last entry is the total length (closed lines include the closing edge). */
    private static double[] arcLengths(double[] xy, boolean closed) {
        int n = xy.length / 2;
        double[] arc = new double[n + 1];
        for (int i = 1; i < n; i++) {
            arc[i] = arc[i - 1] + Math.hypot(xy[2 * i] - xy[2 * i - 2], xy[2 * i + 1] - xy[2 * i - 1]);
        }
        arc[n] = arc[n - 1] + (closed ? Math.hypot(xy[0] - xy[2 * n - 2], xy[1] - xy[2 * n - 1]) : 0);
        return arc;
    }

    /**
     * Breaks in an outline: on average one per 350 px of outline, each leaving 2-5 px of paper between
     * the round ends of the line.
     */
    private static boolean[] gapSegments(double[] xy, double[] half, SplittableRandom random) {
        int n = xy.length / 2;
        double[] arc = arcLengths(xy, true);
        double total = arc[n];
        boolean[] skip = new boolean[n];
        // on average one gap per 350 px: a small outline (an eye) is usually whole, a long one has a few
        int count = (int) Math.floor(total / 350 + random.nextDouble());
        for (int g = 0; g < count; g++) {
            double center = random.nextDouble() * total;
            double visible = 2 + 3 * random.nextDouble();
            for (int i = 0; i < n; i++) {
                double mid = (arc[i] + arc[i + 1]) / 2;
                double d = Math.abs(mid - center);
                d = Math.min(d, total - d);
                if (d < visible / 2 + half[i]) {
                    skip[i] = true;
                }
            }
        }
        return skip;
    }

    /** The final colored frame: flat fills, trace lines painted with the fill, black main lines on top (BGR bytes). */
    byte[] groundTruthBgr() {
        byte[] out = new byte[width * height * 3];
        for (int i = 0; i < fill.length; i++) {
            float keep = 1 - ink[i];
            int rgb = fill[i];
            out[3 * i] = (byte) Math.round((rgb & 0xFF) * keep);
            out[3 * i + 1] = (byte) Math.round(((rgb >> 8) & 0xFF) * keep);
            out[3 * i + 2] = (byte) Math.round(((rgb >> 16) & 0xFF) * keep);
        }
        return out;
    }

    /** Clean line art: white paper, colored trace lines, black main lines on top (BGR bytes). */
    byte[] lineArtBgr() {
        byte[] out = new byte[width * height * 3];
        for (int i = 0; i < fill.length; i++) {
            for (int c = 0; c < 3; c++) {
                int shift = 8 * c;
                double paper = 255;
                double traced = paper + (((traceColor[i] >> shift) & 0xFF) - paper) * trace[i];
                out[3 * i + c] = (byte) Math.round(traced * (1 - ink[i]));
            }
        }
        return out;
    }
}
