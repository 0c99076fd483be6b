package io.anidoc.core.match;

import io.anidoc.core.image.OpenCv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfKeyPoint;
import org.opencv.core.Size;
import org.opencv.features2d.SIFT;
import org.opencv.imgproc.Imgproc;

/**
 * Detects SIFT keypoints on line art and describes them with RootSIFT.
 *
 * <p>The image is resized by {@link SiftSettings#downscale()} (area averaging) and slightly blurred,
 * then OpenCV's SIFT runs on it; positions and scales are mapped back to full-resolution pixels and
 * orientations converted to radians. Keypoints are ordered by response (strongest first), ties by
 * position, and capped at {@link SiftSettings#maxFeatures()}, so the same image always gives the
 * same output. Instances are not thread-safe (they hold an OpenCV detector); use one per thread.
 */
public final class SiftExtractor {
    private static final int D = KeyPoints.DESCRIPTOR_SIZE;

    private final SiftSettings settings;
    private final SIFT sift;

    public SiftExtractor(SiftSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("SIFT settings are required");
        }
        OpenCv.load();
        this.settings = settings;
        // OpenCV's own cap keeps every keypoint tied with the last one, so the final cut is made here
        this.sift = SIFT.create(settings.maxFeatures(), settings.octaveLayers(),
                settings.contrastThreshold(), settings.edgeThreshold(), settings.sigma());
    }

    public SiftExtractor() {
        this(SiftSettings.defaults());
    }

    public SiftSettings settings() {
        return settings;
    }

    /**
     * @param lineGray 8-bit single-channel line art: white paper (255), dark ink
     * @return keypoints in full-resolution coordinates with RootSIFT descriptors
     */
    public KeyPoints extract(Mat lineGray) {
        if (lineGray == null || lineGray.empty()) {
            throw new IllegalArgumentException("line art image is empty");
        }
        if (lineGray.type() != CvType.CV_8UC1) {
            throw new IllegalArgumentException("line art must be 8-bit single-channel (CV_8UC1), got "
                    + CvType.typeToString(lineGray.type()));
        }
        int width = lineGray.cols();
        int height = lineGray.rows();
        Mat work = prepare(lineGray);
        double sx = (double) work.cols() / width;
        double sy = (double) work.rows() / height;

        MatOfKeyPoint detected = new MatOfKeyPoint();
        Mat rawDescriptors = new Mat();
        Mat noMask = new Mat();
        sift.detectAndCompute(work, noMask, detected, rawDescriptors);
        org.opencv.core.KeyPoint[] kps = detected.toArray();
        int found = kps.length;
        float[] raw = new float[found * D];
        if (found > 0) {
            rawDescriptors.get(0, 0, raw);
        }
        if (work != lineGray) {
            work.release();
        }
        detected.release();
        rawDescriptors.release();
        noMask.release();

        Integer[] order = new Integer[found];
        for (int i = 0; i < found; i++) {
            order[i] = i;
        }
        Arrays.sort(order, strongestFirst(kps));
        if (settings.onePerPixel()) {
            order = onePerPixel(order, kps);
        }
        int n = Math.min(order.length, settings.maxFeatures());

        float[] xy = new float[2 * n];
        float[] scale = new float[n];
        float[] angle = new float[n];
        float[] descriptors = new float[n * D];
        double scaleBack = 2.0 / (sx + sy);
        for (int k = 0; k < n; k++) {
            org.opencv.core.KeyPoint kp = kps[order[k]];
            // pixel centers: a resize maps full-res center x to (x + 0.5) * s - 0.5
            xy[2 * k] = (float) ((kp.pt.x + 0.5) / sx - 0.5);
            xy[2 * k + 1] = (float) ((kp.pt.y + 0.5) / sy - 0.5);
            scale[k] = (float) (kp.size * scaleBack);
            angle[k] = toRadians(kp.angle);
            rootSift(raw, order[k] * D, descriptors, k * D);
        }
        return new KeyPoints(width, height, xy, scale, angle, descriptors);
    }

    private Mat prepare(Mat lineGray) {
        Mat work = lineGray;
        double s = settings.downscaleFor(lineGray.cols());
        if (s < 1) {
            int w = Math.max(1, (int) Math.round(lineGray.cols() * s));
            int h = Math.max(1, (int) Math.round(lineGray.rows() * s));
            work = new Mat();
            Imgproc.resize(lineGray, work, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
        }
        double sigma = settings.blurSigma() * s;
        if (sigma > 0.05) {
            Mat blurred = new Mat();
            Imgproc.GaussianBlur(work, blurred, new Size(0, 0), sigma, sigma, org.opencv.core.Core.BORDER_REPLICATE);
            if (work != lineGray) {
                work.release();
            }
            work = blurred;
        }
        return work;
    }

    /**
     * Keeps the first (strongest) keypoint of each pixel of the detection image. SIFT repeats a
     * keypoint once per dominant orientation; like LightGlue's own SIFT extractor, keep one, the
     * smallest angle on equal response (the sort order already puts it first).
     */
    private static Integer[] onePerPixel(Integer[] order, org.opencv.core.KeyPoint[] kps) {
        Set<Long> taken = new HashSet<>();
        List<Integer> kept = new ArrayList<>(order.length);
        for (Integer i : order) {
            long cell = ((long) Math.floor(kps[i].pt.y) << 32) | ((long) Math.floor(kps[i].pt.x) & 0xffffffffL);
            if (taken.add(cell)) {
                kept.add(i);
            }
        }
        return kept.toArray(new Integer[0]);
    }

    private static Comparator<Integer> strongestFirst(org.opencv.core.KeyPoint[] kps) {
        return (a, b) -> {
            org.opencv.core.KeyPoint p = kps[a];
            org.opencv.core.KeyPoint q = kps[b];
            int c = Float.compare(q.response, p.response);
            if (c == 0) c = Double.compare(p.pt.y, q.pt.y);
            if (c == 0) c = Double.compare(p.pt.x, q.pt.x);
            if (c == 0) c = Float.compare(p.size, q.size);
            if (c == 0) c = Float.compare(p.angle, q.angle);
            if (c == 0) c = Integer.compare(p.octave, q.octave);
            return c != 0 ? c : Integer.compare(a, b);
        };
    }

    private static float toRadians(float degrees) {
        double r = Math.toRadians(degrees);
        double twoPi = 2 * Math.PI;
        r = r % twoPi;
        if (r < 0) {
            r += twoPi;
        }
        return r >= twoPi ? 0f : (float) r;
    }

    /** RootSIFT: L1-normalize the (non-negative) SIFT vector, then take the square root of each value. */
    static void rootSift(float[] src, int srcOffset, float[] dst, int dstOffset) {
        double sum = 0;
        for (int j = 0; j < D; j++) {
            sum += Math.abs(src[srcOffset + j]);
        }
        if (sum <= 0) {
            // a flat patch has no gradient: spread the unit norm evenly so the row stays comparable
            float v = (float) Math.sqrt(1.0 / D);
            Arrays.fill(dst, dstOffset, dstOffset + D, v);
            return;
        }
        for (int j = 0; j < D; j++) {
            dst[dstOffset + j] = (float) Math.sqrt(Math.abs(src[srcOffset + j]) / sum);
        }
    }
}
