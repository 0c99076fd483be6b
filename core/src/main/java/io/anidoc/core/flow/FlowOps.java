package io.anidoc.core.flow;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.image.Pixels;

/** Operations on flow fields held as CV_32FC2 Mats in grid pixels. */
final class FlowOps {
    private FlowOps() {
    }

    /** The identity map: each grid point holds its own (x, y). */
    static Mat identity(int w, int h) {
        float[] xy = new float[w * h * 2];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 2 * (y * w + x);
                xy[i] = x;
                xy[i + 1] = y;
            }
        }
        return Pixels.mat(w, h, CvType.CV_32FC2, xy);
    }

    /** Samples {@code field} at x + flow(x), bilinearly, edges replicated. */
    static Mat sampleAlong(Mat field, Mat flow, Mat identity) {
        Mat map = new Mat();
        Core.add(identity, flow, map);
        Mat out = new Mat();
        Imgproc.remap(field, out, map, new Mat(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
        map.release();
        return out;
    }

    /** a then b: x -> x + a(x) -> + b(x + a(x)). */
    static Mat compose(Mat a, Mat b, Mat identity) {
        Mat sampled = sampleAlong(b, a, identity);
        Mat out = new Mat();
        Core.add(a, sampled, out);
        sampled.release();
        return out;
    }

    /** Flow of an affine motion given in frame pixels, expressed on a grid of scale (sx, sy). */
    static Mat affineFlow(double[] m, int gw, int gh, double sx, double sy) {
        float[] xy = new float[gw * gh * 2];
        for (int gy = 0; gy < gh; gy++) {
            double py = (gy + 0.5) / sy - 0.5;
            for (int gx = 0; gx < gw; gx++) {
                double px = (gx + 0.5) / sx - 0.5;
                double qx = m[0] * px + m[1] * py + m[2];
                double qy = m[3] * px + m[4] * py + m[5];
                int i = 2 * (gy * gw + gx);
                xy[i] = (float) ((qx - px) * sx);
                xy[i + 1] = (float) ((qy - py) * sy);
            }
        }
        return Pixels.mat(gw, gh, CvType.CV_32FC2, xy);
    }

    /**
     * Confidence 0..255 of the forward flow: exp(-(e / sigma)^2) where e is the forward-backward
     * round-trip error in grid pixels; 0 where the flow leaves the frame.
     */
    static byte[] consistency(Mat forward, Mat backward, Mat identity, double sigmaGrid) {
        Mat back = sampleAlong(backward, forward, identity);
        float[] f = Pixels.floats(forward);
        float[] b = Pixels.floats(back);
        back.release();
        int w = forward.cols();
        int h = forward.rows();
        byte[] conf = new byte[w * h];
        double inv = 1.0 / (sigmaGrid * sigmaGrid);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float fx = f[2 * i];
                float fy = f[2 * i + 1];
                double tx = x + fx;
                double ty = y + fy;
                if (tx < -0.5 || ty < -0.5 || tx > w - 0.5 || ty > h - 0.5) {
                    continue;
                }
                double ex = fx + b[2 * i];
                double ey = fy + b[2 * i + 1];
                conf[i] = (byte) confidenceOf((ex * ex + ey * ey) * inv);
            }
        }
        return conf;
    }

    /** Exponent from which the confidence rounds to 0: 255 exp(-x) < 0.5 with a margin. */
    private static final double NO_CONFIDENCE = 6.3;
    private static final int STEPS = 4096;
    /** Per step of the exponent: the confidence at its start and at its end (they differ only where it changes within). */
    private static final int[] CONFIDENCE_FROM = new int[STEPS + 1];
    private static final int[] CONFIDENCE_TO = new int[STEPS + 1];

    static {
        for (int k = 0; k <= STEPS; k++) {
            // a little wider than the step, so a value at its edge computed either way is inside
            CONFIDENCE_FROM[k] = exactConfidence(Math.max(0, k - 0.01) * NO_CONFIDENCE / STEPS);
            CONFIDENCE_TO[k] = exactConfidence((k + 1.01) * NO_CONFIDENCE / STEPS);
        }
    }

    /**
     * round(255 exp(-x)) for x >= 0, by table where the step holds one value (exp per flow pixel was a
     * tenth of the tracker's time), exactly where it does not.
     */
    static int confidenceOf(double x) {
        if (!(x < NO_CONFIDENCE)) {
            return 0; // also for NaN, which rounds to 0 as well
        }
        int k = (int) (x * (STEPS / NO_CONFIDENCE));
        int from = CONFIDENCE_FROM[k];
        return from == CONFIDENCE_TO[k] ? from : exactConfidence(x);
    }

    private static int exactConfidence(double x) {
        return (int) Math.round(255.0 * Math.exp(-x));
    }

    /**
     * Quantizes a flow to 1/8 frame pixels. The flow's values are in pixels of a grid of scale (sx, sy)
     * (the resolution it was computed at), whatever size the given Mat has.
     */
    static FlowField quantize(int from, int to, Mat flow, byte[] confidence, double sx, double sy) {
        float[] f = Pixels.floats(flow);
        int n = flow.cols() * flow.rows();
        short[] dx = new short[n];
        short[] dy = new short[n];
        float ux = (float) (FlowField.UNITS_PER_PIXEL / sx);
        float uy = (float) (FlowField.UNITS_PER_PIXEL / sy);
        for (int i = 0; i < n; i++) {
            dx[i] = clampShort(Math.round(f[2 * i] * ux));
            dy[i] = clampShort(Math.round(f[2 * i + 1] * uy));
        }
        return new FlowField(from, to, flow.cols(), flow.rows(), dx, dy, confidence);
    }

    private static short clampShort(int v) {
        return (short) (v < Short.MIN_VALUE ? Short.MIN_VALUE : v > Short.MAX_VALUE ? Short.MAX_VALUE : v);
    }
}
