package io.anidoc.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.anidoc.core.image.OpenCv;
import io.anidoc.core.image.Pixels;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** The per-frame measures, on frames of equal size. */
final class PixelMetrics {
    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);

    private PixelMetrics() {
    }

    /** Correct and total non-line pixels. */
    static long[] nonLineCounts(ColorFrame prediction, ColorFrame truth) {
        long total = 0;
        long correct = 0;
        for (int i = 0; i < truth.pixels(); i++) {
            if (truth.isNonLine(i)) {
                total++;
                if (ColorFrame.close(prediction, truth, i)) {
                    correct++;
                }
            }
        }
        return new long[]{correct, total};
    }

    /**
     * Adds the frame's wrong non-line pixels to {@code counts}, keyed by ground-truth color (high 32
     * bits) and painted color (low 32 bits), both 0xRRGGBB.
     */
    static void addConfusions(ColorFrame prediction, ColorFrame truth, java.util.Map<Long, Long> counts) {
        for (int i = 0; i < truth.pixels(); i++) {
            if (truth.isNonLine(i) && !ColorFrame.close(prediction, truth, i)) {
                counts.merge(((long) truth.rgb(i) << 32) | prediction.rgb(i), 1L, Long::sum);
            }
        }
    }

    /**
     * Correct and total regions. A region is a 4-connected set of non-line ground-truth pixels of
     * one exact color whose four neighbours share that color (this drops the one-pixel fringes that
     * antialiased lines leave, whose blended colors are not fills); sets smaller than
     * {@link ShotEvaluator#MIN_REGION_AREA} pixels are ignored. A region is correct when the most
     * frequent predicted color over its pixels equals its color exactly (a tie counts as wrong).
     */
    static int[] regionCounts(ColorFrame prediction, ColorFrame truth) {
        return regionCounts(prediction, truth, c -> true);
    }

    /** As {@link #regionCounts(ColorFrame, ColorFrame)}, over the regions whose color (0xRRGGBB) is scored. */
    static int[] regionCounts(ColorFrame prediction, ColorFrame truth, java.util.function.IntPredicate scored) {
        int width = truth.width();
        int height = truth.height();
        int n = truth.pixels();
        int[] color = new int[n];
        boolean[] core = new boolean[n];
        for (int i = 0; i < n; i++) {
            color[i] = truth.rgb(i);
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int c = color[i];
                core[i] = truth.isNonLine(i)
                        && (x == 0 || color[i - 1] == c) && (x == width - 1 || color[i + 1] == c)
                        && (y == 0 || color[i - width] == c) && (y == height - 1 || color[i + width] == c);
            }
        }
        int[] label = new int[n];
        int[] stack = new int[n];
        int[] members = new int[n];
        int regions = 0;
        int correct = 0;
        int next = 0;
        for (int seed = 0; seed < n; seed++) {
            if (!core[seed] || label[seed] != 0) {
                continue;
            }
            next++;
            int c = color[seed];
            int top = 0;
            stack[top++] = seed;
            label[seed] = next;
            int area = 0;
            int exact = 0;
            while (top > 0) {
                int i = stack[--top];
                members[area++] = i;
                if (prediction.rgb(i) == c) {
                    exact++;
                }
                int x = i % width;
                int y = i / width;
                if (x > 0) {
                    top = visit(i - 1, c, next, core, color, label, stack, top);
                }
                if (x < width - 1) {
                    top = visit(i + 1, c, next, core, color, label, stack, top);
                }
                if (y > 0) {
                    top = visit(i - width, c, next, core, color, label, stack, top);
                }
                if (y < height - 1) {
                    top = visit(i + width, c, next, core, color, label, stack, top);
                }
            }
            if (area < ShotEvaluator.MIN_REGION_AREA || !scored.test(c)) {
                continue;
            }
            regions++;
            if (2L * exact > area || (exact > 0 && isStrictMode(prediction, members, area, c, exact))) {
                correct++;
            }
        }
        return new int[]{correct, regions};
    }

    private static int visit(int j, int c, int id, boolean[] core, int[] color, int[] label, int[] stack, int top) {
        if (core[j] && label[j] == 0 && color[j] == c) {
            label[j] = id;
            stack[top++] = j;
        }
        return top;
    }

    /** Whether {@code truthColor} (seen {@code exact} times) is strictly the most frequent prediction over the members. */
    private static boolean isStrictMode(ColorFrame prediction, int[] members, int area, int truthColor, int exact) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int k = 0; k < area; k++) {
            int p = prediction.rgb(members[k]);
            if (p != truthColor && counts.merge(p, 1, Integer::sum) >= exact) {
                return false;
            }
        }
        return true;
    }

    /** PSNR in dB over all pixels and channels, capped at {@link ShotEvaluator#PSNR_CAP_DB}. */
    static double psnr(ColorFrame prediction, ColorFrame truth) {
        byte[] a = prediction.bgr();
        byte[] b = truth.bgr();
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            int d = (a[i] & 0xFF) - (b[i] & 0xFF);
            sum += (long) d * d;
        }
        if (sum == 0) {
            return ShotEvaluator.PSNR_CAP_DB;
        }
        double mse = (double) sum / a.length;
        return Math.min(ShotEvaluator.PSNR_CAP_DB, 10 * Math.log10(255.0 * 255.0 / mse));
    }

    /** SSIM with an 11x11 Gaussian window (sigma 1.5), K1 = 0.01, K2 = 0.03, averaged over the three channels. */
    static double ssim(ColorFrame prediction, ColorFrame truth) {
        OpenCv.load();
        try (MatScope scope = new MatScope()) {
            Mat a = scope.floats(prediction);
            Mat b = scope.floats(truth);
            Mat muA = scope.blur(a);
            Mat muB = scope.blur(b);
            Mat muA2 = scope.keep(muA.mul(muA));
            Mat muB2 = scope.keep(muB.mul(muB));
            Mat muAB = scope.keep(muA.mul(muB));
            Mat sigmaA2 = scope.subtract(scope.blur(scope.keep(a.mul(a))), muA2);
            Mat sigmaB2 = scope.subtract(scope.blur(scope.keep(b.mul(b))), muB2);
            Mat sigmaAB = scope.subtract(scope.blur(scope.keep(a.mul(b))), muAB);
            Mat numerator = scope.keep(scope.affine(muAB, 2, C1).mul(scope.affine(sigmaAB, 2, C2)));
            Mat denominator = scope.keep(scope.affine(scope.add(muA2, muB2), 1, C1)
                    .mul(scope.affine(scope.add(sigmaA2, sigmaB2), 1, C2)));
            Mat map = scope.keep(new Mat());
            Core.divide(numerator, denominator, map);
            Scalar mean = Core.mean(map);
            return (mean.val[0] + mean.val[1] + mean.val[2]) / 3;
        }
    }

    /** Changed and total stable pixels between two consecutive frames (see {@link FlickerPair}). */
    static long[] flickerCounts(ColorFrame previousPrediction, ColorFrame previousTruth,
                                ColorFrame prediction, ColorFrame truth) {
        long stable = 0;
        long changed = 0;
        for (int i = 0; i < truth.pixels(); i++) {
            if (truth.isNonLine(i) && previousTruth.isNonLine(i) && truth.rgb(i) == previousTruth.rgb(i)) {
                stable++;
                if (!ColorFrame.close(prediction, previousPrediction, i)) {
                    changed++;
                }
            }
        }
        return new long[]{changed, stable};
    }

    /** Owns the temporary Mats of one computation and releases their native memory at the end. */
    private static final class MatScope implements AutoCloseable {
        private final List<Mat> mats = new ArrayList<>();

        Mat keep(Mat m) {
            mats.add(m);
            return m;
        }

        Mat floats(ColorFrame frame) {
            Mat bytes = keep(Pixels.mat(frame.width(), frame.height(), CvType.CV_8UC3, frame.bgr()));
            Mat f = keep(new Mat());
            bytes.convertTo(f, CvType.CV_32FC3);
            return f;
        }

        Mat blur(Mat m) {
            Mat out = keep(new Mat());
            Imgproc.GaussianBlur(m, out, new Size(11, 11), 1.5, 1.5);
            return out;
        }

        Mat subtract(Mat a, Mat b) {
            Mat out = keep(new Mat());
            Core.subtract(a, b, out);
            return out;
        }

        Mat add(Mat a, Mat b) {
            Mat out = keep(new Mat());
            Core.add(a, b, out);
            return out;
        }

        /** scale * m + offset. */
        Mat affine(Mat m, double scale, double offset) {
            Mat out = keep(new Mat());
            m.convertTo(out, m.type(), scale, offset);
            return out;
        }

        @Override
        public void close() {
            mats.forEach(Mat::release);
        }
    }
}
