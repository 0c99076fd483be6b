package io.anidoc.core.colorize;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.image.Pixels;
import io.anidoc.core.regions.BreadthFirstGrowth;
import io.anidoc.core.regions.GapCloser;
import io.anidoc.core.regions.Regions;

/**
 * Splits regions whose votes disagree. Such a region is usually two fills joined through a gap in a
 * line wider than the segmentation closed, and painting it with the majority would ruin the
 * minority's whole area. The region is segmented again with wider and wider gap bridging
 * ({@link GapCloser}), restricted to itself; the first closing that yields parts whose votes elect different colors splits it, so
 * the new borders follow the drawn lines and cross only at gaps. A region that no closing divides
 * keeps its majority color (disagreeing votes without a line to split along are flow errors, not a leak).
 */
final class LeakSplitter {
    private static final int[] CLOSING_STEPS = {2, 3, 4};

    private LeakSplitter() {
    }

    /** Regions with two or more candidate colors. */
    static boolean[] suspects(RegionVotes votes, Regions regions, ColorizeSettings s, int pixels) {
        boolean[] split = new boolean[regions.count()];
        double minMass = minMass(s, pixels);
        for (int k = 0; k < regions.count(); k++) {
            split[k] = regions.area()[k] >= minMass && candidates(votes, k, s.minorShare(), minMass) >= 2;
        }
        return split;
    }

    /**
     * Overwrites the own pixels of the suspect regions that split in {@code fill}.
     *
     * @param boxes        the regions' {@link #boundingBoxes}, asked only when a region is suspect
     * @param baseDiameter the closing diameter the regions were segmented with
     */
    static void split(boolean[] suspect, Regions regions, Supplier<int[]> boxes, List<VoteSource> sources, int colors,
                      int baseGrow, int baseDiameter, ColorizeSettings s, short[] fill) {
        boolean any = false;
        for (boolean b : suspect) {
            any |= b;
        }
        if (!any) {
            return;
        }
        int[] box = boxes.get();
        int w = regions.width();
        int h = regions.height();
        double minMass = minMass(s, w * h);
        int grow = Math.max(1, baseGrow);
        int base = Math.max(2, baseDiameter);
        int pad = CLOSING_STEPS[CLOSING_STEPS.length - 1] * (base + 2 * grow);
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        for (int k = 0; k < regions.count(); k++) {
            if (!suspect[k]) {
                continue;
            }
            int x0 = Math.max(0, box[4 * k] - pad);
            int y0 = Math.max(0, box[4 * k + 1] - pad);
            int x1 = Math.min(w - 1, box[4 * k + 2] + pad);
            int y1 = Math.min(h - 1, box[4 * k + 3] + pad);
            Window win = Window.of(w, x0, y0, x1 - x0 + 1, y1 - y0 + 1, sources, colors, grow, base, s.minorShare(), minMass, fill);
            byte[] barrier = new byte[win.bw * win.bh];
            for (int y = 0; y < win.bh; y++) {
                for (int x = 0; x < win.bw; x++) {
                    int i = (y0 + y) * w + x0 + x;
                    if (!own[i] || labels[i] != k) {
                        barrier[y * win.bw + x] = (byte) 255;
                    }
                }
            }
            win.split(barrier, 0);
        }
    }

    /** A region's bounding box (padded) and what splitting it needs. */
    private record Window(int w, int x0, int y0, int bw, int bh, short[][] sourceIndex, float[][] sourceWeight, int colors,
                          int grow, int base, double minorShare, double minMass, short[] fill) {

        /** The window's per-pixel votes of every source, computed once for all closing steps. */
        static Window of(int w, int x0, int y0, int bw, int bh, List<VoteSource> sources, int colors, int grow, int base,
                         double minorShare, double minMass, short[] fill) {
            short[][] index = new short[sources.size()][bw * bh];
            float[][] weight = new float[sources.size()][bw * bh];
            for (int s = 0; s < sources.size(); s++) {
                sources.get(s).window(x0, y0, bw, bh, index[s], weight[s]);
            }
            return new Window(w, x0, y0, bw, bh, index, weight, colors, grow, base, minorShare, minMass, fill);
        }

        /**
         * Splits the area where barrier is 0 with the closing steps from {@code step} on; parts that still
         * disagree are split further with the next steps. Parts that agree get their winner.
         */
        void split(byte[] barrier, int step) {
            for (int s = step; s < CLOSING_STEPS.length; s++) {
                int[] part = parts(barrier, bw, bh, CLOSING_STEPS[s] * grow, CLOSING_STEPS[s] * base);
                int count = 0;
                for (int p : part) {
                    count = Math.max(count, p + 1);
                }
                if (count < 2) {
                    continue;
                }
                double[] votes = new double[count * colors];
                for (int y = 0; y < bh; y++) {
                    for (int x = 0; x < bw; x++) {
                        int j = y * bw + x;
                        if (part[j] >= 0) {
                            for (int src = 0; src < sourceIndex().length; src++) {
                                votes[part[j] * colors + (sourceIndex()[src][j] & 0xffff)] += sourceWeight()[src][j];
                            }
                        }
                    }
                }
                int[] winner = new int[count];
                boolean differ = false;
                for (int p = 0; p < count; p++) {
                    winner[p] = winner(votes, p);
                    differ |= winner[p] != winner[0];
                }
                if (!differ) {
                    continue;
                }
                for (int p = 0; p < count; p++) {
                    if (s + 1 < CLOSING_STEPS.length && candidates(votes, p) >= 2) {
                        byte[] sub = barrier.clone();
                        for (int j = 0; j < sub.length; j++) {
                            if (part[j] != p) {
                                sub[j] = (byte) 255;
                            }
                        }
                        paint(part, p, winner[p]);
                        split(sub, s + 1);
                    } else {
                        paint(part, p, winner[p]);
                    }
                }
                return;
            }
        }

        private void paint(int[] part, int p, int color) {
            for (int y = 0; y < bh; y++) {
                for (int x = 0; x < bw; x++) {
                    if (part[y * bw + x] == p) {
                        fill[(y0 + y) * w + x0 + x] = (short) color;
                    }
                }
            }
        }

        private int winner(double[] votes, int p) {
            int best = 0;
            double top = -1;
            for (int c = 0; c < colors; c++) {
                if (votes[p * colors + c] > top) {
                    top = votes[p * colors + c];
                    best = c;
                }
            }
            return best;
        }

        private int candidates(double[] votes, int p) {
            double total = 0;
            for (int c = 0; c < colors; c++) {
                total += votes[p * colors + c];
            }
            int count = 0;
            for (int c = 0; c < colors; c++) {
                double v = votes[p * colors + c];
                if (v > 0 && (v >= minorShare * total || v >= minMass)) {
                    count++;
                }
            }
            return count;
        }
    }

    /**
     * Parts of the region (the zero pixels of the barrier) after closing the barrier with the given
     * diameter: the cores the closing leaves, grown back breadth first over the whole region.
     * -1 outside the region.
     */
    private static int[] parts(byte[] barrier, int bw, int bh, int grow, int diameter) {
        Mat barrierMat = Pixels.mat(bw, bh, CvType.CV_8UC1, barrier);
        Mat closed = GapCloser.close(barrierMat, grow, diameter);
        Mat free = new Mat();
        Core.compare(closed, new Scalar(0), free, Core.CMP_EQ);
        Mat coreLabels = new Mat();
        Imgproc.connectedComponents(free, coreLabels, 4, CvType.CV_32S);
        int[] core = Pixels.ints(coreLabels);
        closed.release();
        free.release();
        coreLabels.release();
        barrierMat.release();
        int n = bw * bh;
        int[] part = new int[n];
        for (int j = 0; j < n; j++) {
            part[j] = core[j] > 0 && barrier[j] == 0 ? core[j] - 1 : -1;
        }
        BreadthFirstGrowth.grow(bw, bh, part, barrier, null);
        return part;
    }

    private static double minMass(ColorizeSettings s, int pixels) {
        return s.minLeakArea() * pixels / 1_000_000.0;
    }

    private static int candidates(RegionVotes votes, int k, double minorShare, double minMass) {
        double total = votes.total(k);
        int count = 0;
        for (int c = 0; c < votes.colors(); c++) {
            double v = votes.get(k, c);
            if (v > 0 && (v >= minorShare * total || v >= minMass)) {
                count++;
            }
        }
        return count;
    }

    /** minX, minY, maxX, maxY of each region's own pixels (maxX -1 for a region without any). */
    static int[] boundingBoxes(Regions regions) {
        int w = regions.width();
        int[] box = new int[regions.count() * 4];
        for (int k = 0; k < regions.count(); k++) {
            box[4 * k] = Integer.MAX_VALUE;
            box[4 * k + 1] = Integer.MAX_VALUE;
            box[4 * k + 2] = -1;
            box[4 * k + 3] = -1;
        }
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        int h = regions.height();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!own[i]) {
                    continue;
                }
                int k = labels[i];
                box[4 * k] = Math.min(box[4 * k], x);
                box[4 * k + 1] = Math.min(box[4 * k + 1], y);
                box[4 * k + 2] = Math.max(box[4 * k + 2], x);
                box[4 * k + 3] = Math.max(box[4 * k + 3], y);
            }
        }
        return box;
    }
}
