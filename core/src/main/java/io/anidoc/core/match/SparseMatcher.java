package io.anidoc.core.match;

import io.anidoc.core.image.OpenCv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Matches the RootSIFT keypoints of two images.
 *
 * <ol>
 *   <li>nearest and second nearest neighbour of every descriptor, in both directions (L2);</li>
 *   <li>mutual check: keypoints i and j match only when each is the other's nearest neighbour;</li>
 *   <li>Lowe ratio test in both directions (the larger ratio counts), so matching a to b gives the
 *       same candidates as b to a;</li>
 *   <li>repeated point pairs (one keypoint per orientation at the same spot) are kept once;</li>
 *   <li>geometric verification: RANSAC affine models fitted one after the other on the remaining
 *       candidates ({@link MatchSettings#maxModels()}); only inliers of an accepted model are kept,
 *       the first (dominant) model is reported as {@link PairMatches#affine()}.</li>
 * </ol>
 *
 * <p>Matches come out ordered by the index of their keypoint in the first image, so equal inputs give
 * equal outputs. Too few consistent matches give an empty result without a model. Instances hold no
 * state and may be shared between threads.
 */
public final class SparseMatcher {
    private final MatchSettings settings;

    public SparseMatcher(MatchSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("match settings are required");
        }
        OpenCv.load();
        this.settings = settings;
    }

    public SparseMatcher() {
        this(MatchSettings.defaults());
    }

    public MatchSettings settings() {
        return settings;
    }

    public PairMatches match(int fromFrame, KeyPoints from, int toFrame, KeyPoints to) {
        Candidates c = candidates(from, to);
        return verify(fromFrame, from, toFrame, to, c);
    }

    /**
     * Geometric verification of matches found by another matcher (a learned one, say): repeated
     * point pairs are kept once, then the same RANSAC affine models as {@link #match} keep the
     * consistent matches. The descriptor tests (mutual check, ratio) are the other matcher's job.
     *
     * @param fromIndex index in {@code from} of each candidate match, ascending
     * @param toIndex   index in {@code to} of each candidate match
     * @param score     confidence of each candidate in [0, 1], kept as the match score
     */
    public PairMatches verify(int fromFrame, KeyPoints from, int toFrame, KeyPoints to,
                              int[] fromIndex, int[] toIndex, float[] score) {
        if (from == null || to == null || fromIndex == null || toIndex == null || score == null) {
            throw new IllegalArgumentException("keypoints and candidate arrays must not be null");
        }
        int n = fromIndex.length;
        if (toIndex.length != n || score.length != n) {
            throw new IllegalArgumentException("inconsistent candidate arrays: fromIndex " + n + ", toIndex "
                    + toIndex.length + ", score " + score.length);
        }
        float[] ratio = new float[n];
        for (int k = 0; k < n; k++) {
            if (fromIndex[k] < 0 || fromIndex[k] >= from.size() || toIndex[k] < 0 || toIndex[k] >= to.size()) {
                throw new IllegalArgumentException("candidate " + k + " pairs keypoint " + fromIndex[k] + " with "
                        + toIndex[k] + ", outside " + from.size() + " and " + to.size() + " keypoints");
            }
            if (k > 0 && fromIndex[k] <= fromIndex[k - 1]) {
                throw new IllegalArgumentException("candidates must be ordered by their first keypoint, each once");
            }
            if (!(score[k] >= 0 && score[k] <= 1)) {
                throw new IllegalArgumentException("candidate " + k + " has score " + score[k] + ", outside [0, 1]");
            }
            ratio[k] = 1f - score[k];
        }
        Candidates c = withoutRepeatedPoints(from, to, fromIndex.clone(), toIndex.clone(), ratio, n);
        return verify(fromFrame, from, toFrame, to, c);
    }

    /** Descriptor matches before geometric verification: index pairs and their ratio. */
    record Candidates(int[] fromIndex, int[] toIndex, float[] ratio) {
        int size() {
            return fromIndex.length;
        }
    }

    Candidates candidates(KeyPoints from, KeyPoints to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("keypoints must not be null");
        }
        if (from.size() == 0 || to.size() == 0) {
            return new Candidates(new int[0], new int[0], new float[0]);
        }
        Neighbours forward = Neighbours.of(from, to);
        // the mutual check only needs the way back from keypoints that something points at
        Neighbours backward = settings.mutual() ? Neighbours.of(to, targets(forward, to.size()), from) : null;

        int n = from.size();
        int[] fi = new int[n];
        int[] ti = new int[n];
        float[] ratios = new float[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            int j = forward.nearest[i];
            if (j < 0) {
                continue;
            }
            if (settings.mutual() && backward.nearest[j] != i) {
                continue;
            }
            float ratio = forward.ratio(i);
            if (settings.mutual()) {
                ratio = Math.max(ratio, backward.ratio(j));
            }
            if (settings.ratio() < 1 && ratio >= settings.ratio()) {
                continue;
            }
            fi[count] = i;
            ti[count] = j;
            ratios[count] = ratio;
            count++;
        }
        return withoutRepeatedPoints(from, to, fi, ti, ratios, count);
    }

    /**
     * SIFT gives one keypoint per dominant orientation, so a corner of line art often appears several
     * times at the same position; their matches repeat one point pair. Keep the best of each, so every
     * count (minimum inliers included) is a count of distinct point pairs.
     */
    private static Candidates withoutRepeatedPoints(KeyPoints from, KeyPoints to, int[] fi, int[] ti, float[] ratios, int count) {
        Map<List<Float>, Integer> bestByPoints = new HashMap<>();
        boolean[] keep = new boolean[count];
        for (int k = 0; k < count; k++) {
            List<Float> points = List.of(from.x(fi[k]), from.y(fi[k]), to.x(ti[k]), to.y(ti[k]));
            Integer previous = bestByPoints.get(points);
            if (previous == null) {
                bestByPoints.put(points, k);
                keep[k] = true;
            } else if (ratios[k] < ratios[previous]) {
                keep[previous] = false;
                keep[k] = true;
                bestByPoints.put(points, k);
            }
        }
        int kept = 0;
        for (int k = 0; k < count; k++) {
            if (keep[k]) {
                fi[kept] = fi[k];
                ti[kept] = ti[k];
                ratios[kept] = ratios[k];
                kept++;
            }
        }
        return new Candidates(Arrays.copyOf(fi, kept), Arrays.copyOf(ti, kept), Arrays.copyOf(ratios, kept));
    }

    private static int[] targets(Neighbours forward, int n) {
        boolean[] hit = new boolean[n];
        int count = 0;
        for (int j : forward.nearest()) {
            if (j >= 0 && !hit[j]) {
                hit[j] = true;
                count++;
            }
        }
        int[] rows = new int[count];
        int k = 0;
        for (int j = 0; j < n; j++) {
            if (hit[j]) {
                rows[k++] = j;
            }
        }
        return rows;
    }

    private PairMatches verify(int fromFrame, KeyPoints from, int toFrame, KeyPoints to, Candidates c) {
        int n = c.size();
        if (n < settings.minInliers()) {
            return PairMatches.empty(fromFrame, toFrame);
        }
        boolean[] kept = new boolean[n];
        double[] dominant = null;
        int[] remaining = new int[n];
        for (int k = 0; k < n; k++) {
            remaining[k] = k;
        }
        int remainingCount = n;
        for (int model = 0; model < settings.maxModels() && remainingCount >= settings.minInliers(); model++) {
            Mat src = new Mat(remainingCount, 1, CvType.CV_32FC2);
            Mat dst = new Mat(remainingCount, 1, CvType.CV_32FC2);
            float[] s = new float[2 * remainingCount];
            float[] d = new float[2 * remainingCount];
            for (int k = 0; k < remainingCount; k++) {
                int m = remaining[k];
                s[2 * k] = from.x(c.fromIndex[m]);
                s[2 * k + 1] = from.y(c.fromIndex[m]);
                d[2 * k] = to.x(c.toIndex[m]);
                d[2 * k + 1] = to.y(c.toIndex[m]);
            }
            src.put(0, 0, s);
            dst.put(0, 0, d);
            Mat inlierMask = new Mat();
            Mat affineMat = Calib3d.estimateAffine2D(src, dst, inlierMask, Calib3d.RANSAC,
                    settings.ransacThresholdPx(), settings.ransacIterations(), settings.ransacConfidence(), 10);
            src.release();
            dst.release();
            if (affineMat.empty()) {
                inlierMask.release();
                break;
            }
            double[] affine = new double[6];
            affineMat.get(0, 0, affine);
            affineMat.release();
            byte[] mask = new byte[remainingCount];
            inlierMask.get(0, 0, mask);
            inlierMask.release();
            int inliers = 0;
            for (byte b : mask) {
                if (b != 0) {
                    inliers++;
                }
            }
            if (inliers < settings.minInliers() || !plausible(affine)) {
                break;
            }
            if (dominant == null) {
                dominant = affine;
            }
            int next = 0;
            for (int k = 0; k < remainingCount; k++) {
                if (mask[k] != 0) {
                    kept[remaining[k]] = true;
                } else {
                    remaining[next++] = remaining[k];
                }
            }
            remainingCount = next;
        }
        if (dominant == null) {
            return PairMatches.empty(fromFrame, toFrame);
        }
        return collect(fromFrame, from, toFrame, to, c, kept, dominant);
    }

    private static PairMatches collect(int fromFrame, KeyPoints from, int toFrame, KeyPoints to,
                                       Candidates c, boolean[] kept, double[] affine) {
        List<Integer> keep = new ArrayList<>();
        for (int k = 0; k < kept.length; k++) {
            if (kept[k]) {
                keep.add(k);
            }
        }
        int m = keep.size();
        float[] fromXy = new float[2 * m];
        float[] toXy = new float[2 * m];
        float[] score = new float[m];
        for (int k = 0; k < m; k++) {
            int idx = keep.get(k);
            int i = c.fromIndex[idx];
            int j = c.toIndex[idx];
            fromXy[2 * k] = from.x(i);
            fromXy[2 * k + 1] = from.y(i);
            toXy[2 * k] = to.x(j);
            toXy[2 * k + 1] = to.y(j);
            score[k] = Math.max(0f, Math.min(1f, 1f - c.ratio[idx]));
        }
        return new PairMatches(fromFrame, toFrame, fromXy, toXy, score, affine);
    }

    /** Rejects mirrored, collapsed or exploded motions: both singular values within the allowed scale change. */
    private boolean plausible(double[] m) {
        for (double v : m) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        double a = m[0], b = m[1], c = m[3], d = m[4];
        double det = a * d - b * c;
        if (det <= 0) {
            return false;
        }
        // singular values of [[a, b], [c, d]]
        double e = (a + d) / 2, f = (a - d) / 2, g = (c + b) / 2, h = (c - b) / 2;
        double q = Math.hypot(e, h);
        double r = Math.hypot(f, g);
        double largest = q + r;
        double smallest = Math.abs(q - r);
        double limit = settings.maxScaleChange();
        return largest <= limit && smallest >= 1 / limit;
    }

    /** Nearest and second nearest neighbour (squared L2) of the keypoints of one set in another. */
    record Neighbours(int[] nearest, float[] best, float[] second) {

        Neighbours(int n) {
            this(filled(n), infinities(n), infinities(n));
        }

        /** Neighbours in {@code train} of every keypoint of {@code query}. */
        static Neighbours of(KeyPoints query, KeyPoints train) {
            return of(query, null, train);
        }

        /**
         * Neighbours in {@code train} of the listed keypoints of {@code query} (all when {@code rows} is
         * null); rows not listed keep no neighbour.
         */
        static Neighbours of(KeyPoints query, int[] rows, KeyPoints train) {
            int n = query.size();
            Neighbours result = new Neighbours(n);
            int count = rows == null ? n : rows.length;
            if (count == 0 || train.size() == 0) {
                return result;
            }
            Mat q = descriptorMat(query, rows);
            Mat t = descriptorMat(train, null);
            Mat dist = new Mat();
            Mat idx = new Mat();
            int k = Math.min(2, train.size());
            Core.batchDistance(q, t, dist, CvType.CV_32F, idx, Core.NORM_L2SQR, k);
            float[] d = new float[count * k];
            int[] ix = new int[count * k];
            dist.get(0, 0, d);
            idx.get(0, 0, ix);
            q.release();
            t.release();
            dist.release();
            idx.release();
            for (int r = 0; r < count; r++) {
                int i = rows == null ? r : rows[r];
                result.nearest[i] = ix[r * k];
                result.best[i] = d[r * k];
                if (k > 1 && ix[r * k + 1] >= 0) {
                    result.second[i] = d[r * k + 1];
                }
            }
            return result;
        }

        /** Distance ratio nearest / second nearest; 1 when both are equal (ambiguous), 0 without a second. */
        float ratio(int i) {
            float b = Math.max(0f, best[i]);
            float s = second[i];
            if (s == Float.POSITIVE_INFINITY) {
                return 0f;
            }
            if (s <= 0f) {
                return 1f;
            }
            return (float) Math.sqrt(Math.min(1f, b / s));
        }

        private static Mat descriptorMat(KeyPoints kp, int[] rows) {
            int d = KeyPoints.DESCRIPTOR_SIZE;
            float[] values = kp.descriptors();
            if (rows != null) {
                values = new float[rows.length * d];
                for (int r = 0; r < rows.length; r++) {
                    System.arraycopy(kp.descriptors(), rows[r] * d, values, r * d, d);
                }
            }
            Mat m = new Mat(values.length / d, d, CvType.CV_32F);
            m.put(0, 0, values);
            return m;
        }

        private static int[] filled(int n) {
            int[] a = new int[n];
            Arrays.fill(a, -1);
            return a;
        }

        private static float[] infinities(int n) {
            float[] a = new float[n];
            Arrays.fill(a, Float.POSITIVE_INFINITY);
            return a;
        }
    }
}
