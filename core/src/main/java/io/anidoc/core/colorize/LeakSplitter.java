package io.anidoc.core.colorize;

import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.image.Pixels;
import io.anidoc.core.regions.Regions;

/**
 * Splits regions whose votes disagree: such a region is usually two fills joined through a gap in a
 * line, and painting it with the majority would ruin the minority's whole area. Inside a split
 * region each pixel takes the candidate color with the most votes in a window around it.
 */
final class LeakSplitter {
    private static final int MAX_CANDIDATES = 4;

    private LeakSplitter() {
    }

    /** Regions with two or more candidate colors. */
    static boolean[] suspects(RegionVotes votes, Regions regions, ColorizeSettings s, int pixels) {
        boolean[] split = new boolean[regions.count()];
        double minMass = minMass(s, pixels);
        for (int k = 0; k < regions.count(); k++) {
            split[k] = regions.area()[k] >= minMass && candidates(votes, k, s.minorShare(), minMass).size() >= 2;
        }
        return split;
    }

    private static double minMass(ColorizeSettings s, int pixels) {
        return s.minLeakArea() * pixels / 1_000_000.0;
    }

    /** Overwrites the own pixels of split regions in {@code fill} with their smoothed per-pixel vote. */
    static void split(boolean[] split, RegionVotes votes, Regions regions, List<VoteSource> sources,
                      ColorizeSettings s, short[] fill) {
        int w = regions.width();
        int h = regions.height();
        int[] box = boundingBoxes(regions);
        int window = Math.max(3, (int) Math.round(s.smoothPer1000() * w / 1000.0)) | 1;
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        for (int k = 0; k < regions.count(); k++) {
            if (!split[k]) {
                continue;
            }
            List<Integer> candidates = candidates(votes, k, s.minorShare(), minMass(s, w * h));
            int x0 = box[4 * k];
            int y0 = box[4 * k + 1];
            int bw = box[4 * k + 2] - x0 + 1;
            int bh = box[4 * k + 3] - y0 + 1;
            float[][] score = new float[candidates.size()][bw * bh];
            for (int y = 0; y < bh; y++) {
                for (int x = 0; x < bw; x++) {
                    int i = (y0 + y) * w + x0 + x;
                    if (!own[i] || labels[i] != k) {
                        continue;
                    }
                    for (VoteSource src : sources) {
                        int c = candidates.indexOf(src.index()[i] & 0xffff);
                        if (c >= 0) {
                            score[c][y * bw + x] += src.weight()[i];
                        }
                    }
                }
            }
            for (int c = 0; c < candidates.size(); c++) {
                score[c] = blur(score[c], bw, bh, window);
            }
            for (int y = 0; y < bh; y++) {
                for (int x = 0; x < bw; x++) {
                    int i = (y0 + y) * w + x0 + x;
                    if (!own[i] || labels[i] != k) {
                        continue;
                    }
                    int best = -1;
                    float top = 0;
                    for (int c = 0; c < candidates.size(); c++) {
                        if (score[c][y * bw + x] > top) {
                            top = score[c][y * bw + x];
                            best = c;
                        }
                    }
                    if (best >= 0) {
                        fill[i] = (short) (int) candidates.get(best);
                    }
                }
            }
        }
    }

    private static List<Integer> candidates(RegionVotes votes, int k, double minorShare, double minMass) {
        double total = votes.total(k);
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < votes.colors(); c++) {
            double v = votes.get(k, c);
            if (v > 0 && (v >= minorShare * total || v >= minMass)) {
                out.add(c);
            }
        }
        out.sort((a, b) -> Double.compare(votes.get(k, b), votes.get(k, a)));
        return out.size() > MAX_CANDIDATES ? new ArrayList<>(out.subList(0, MAX_CANDIDATES)) : out;
    }

    private static float[] blur(float[] values, int w, int h, int window) {
        Mat m = Pixels.mat(w, h, CvType.CV_32FC1, values);
        Imgproc.boxFilter(m, m, -1, new Size(window, window), new Point(-1, -1), false, Core.BORDER_CONSTANT);
        float[] out = Pixels.floats(m);
        m.release();
        return out;
    }

    /** minX, minY, maxX, maxY of each region's own pixels. */
    private static int[] boundingBoxes(Regions regions) {
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
        for (int i = 0; i < labels.length; i++) {
            if (!own[i]) {
                continue;
            }
            int k = labels[i];
            int x = i % w;
            int y = i / w;
            box[4 * k] = Math.min(box[4 * k], x);
            box[4 * k + 1] = Math.min(box[4 * k + 1], y);
            box[4 * k + 2] = Math.max(box[4 * k + 2], x);
            box[4 * k + 3] = Math.max(box[4 * k + 3], y);
        }
        return box;
    }
}
