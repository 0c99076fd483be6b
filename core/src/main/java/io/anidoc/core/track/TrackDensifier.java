package io.anidoc.core.track;

import io.anidoc.core.flow.FlowField;
import io.anidoc.core.image.Pixels;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Turns sparse tracks into a dense field from one frame to another by normalized convolution: the
 * displacements of the points seen in both frames are splatted onto the field's grid at their
 * positions in the first frame and spread with a Gaussian, then divided by the spread weights. A
 * second Gaussian four times wider, weighed lightly, fills the gaps between distant points without
 * smoothing where points are dense, and the mean displacement fills what no point reaches.
 * Confidence follows the density of nearby points. Deterministic.
 */
public final class TrackDensifier {

    /** Weight of the wide Gaussian relative to the narrow one. */
    private static final double FAR_WEIGHT = 0.02;
    /** Weight of the mean displacement, relative to one point's peak weight at the wide scale. */
    private static final double MEAN_WEIGHT = 1e-3;

    private final int width;
    private final int height;
    private final int gridWidth;
    private final int gridHeight;
    private final double sigma;

    /**
     * @param sigma spread of one point on the grid (grid cells), about the query spacing
     */
    public TrackDensifier(int width, int height, int gridWidth, int gridHeight, double sigma) {
        if (width < 1 || height < 1 || gridWidth < 1 || gridHeight < 1 || !(sigma > 0)) {
            throw new IllegalArgumentException("sizes and sigma must be positive");
        }
        this.width = width;
        this.height = height;
        this.gridWidth = gridWidth;
        this.gridHeight = gridHeight;
        this.sigma = sigma;
    }

    /** The field from clip frame {@code from} to {@code to}, at positions {@code fromPosition} and {@code toPosition} of the tracks. */
    public FlowField field(int from, int to, PointTracks tracks, int fromPosition, int toPosition) {
        int n = gridWidth * gridHeight;
        float[] weight = new float[n];
        float[] sumX = new float[n];
        float[] sumY = new float[n];
        double meanX = 0;
        double meanY = 0;
        int[] seen = tracks.seenInBoth(fromPosition, toPosition);
        for (int p : seen) {
            float x = tracks.x(p, fromPosition);
            float y = tracks.y(p, fromPosition);
            float dx = tracks.x(p, toPosition) - x;
            float dy = tracks.y(p, toPosition) - y;
            meanX += dx;
            meanY += dy;
            splat(weight, sumX, sumY, (x + 0.5f) * gridWidth / width - 0.5f, (y + 0.5f) * gridHeight / height - 0.5f, dx, dy);
        }
        if (seen.length > 0) {
            meanX /= seen.length;
            meanY /= seen.length;
        }
        float[] nearWeight = blur(weight, sigma);
        float[] nearX = blur(sumX, sigma);
        float[] nearY = blur(sumY, sigma);
        float[] farWeight = blur(weight, 4 * sigma);
        float[] farX = blur(sumX, 4 * sigma);
        float[] farY = blur(sumY, 4 * sigma);

        double peak = 1 / (2 * Math.PI * sigma * sigma);
        double floor = FAR_WEIGHT * MEAN_WEIGHT / (2 * Math.PI * 16 * sigma * sigma);
        short[] dx = new short[n];
        short[] dy = new short[n];
        byte[] confidence = new byte[n];
        for (int i = 0; i < n; i++) {
            double w = nearWeight[i] + FAR_WEIGHT * farWeight[i] + floor;
            double vx = (nearX[i] + FAR_WEIGHT * farX[i] + floor * meanX) / w;
            double vy = (nearY[i] + FAR_WEIGHT * farY[i] + floor * meanY) / w;
            dx[i] = quantize(vx);
            dy[i] = quantize(vy);
            confidence[i] = (byte) Math.round(255 * (1 - Math.exp(-Math.max(0, nearWeight[i]) / peak)));
        }
        return new FlowField(from, to, gridWidth, gridHeight, dx, dy, confidence);
    }

    /** Bilinear splat of one point's unit weight and its displacement. */
    private void splat(float[] weight, float[] sumX, float[] sumY, float gx, float gy, float dx, float dy) {
        gx = Math.max(0, Math.min(gridWidth - 1, gx));
        gy = Math.max(0, Math.min(gridHeight - 1, gy));
        int x0 = (int) gx;
        int y0 = (int) gy;
        int x1 = Math.min(gridWidth - 1, x0 + 1);
        int y1 = Math.min(gridHeight - 1, y0 + 1);
        float ax = gx - x0;
        float ay = gy - y0;
        add(weight, sumX, sumY, y0 * gridWidth + x0, (1 - ax) * (1 - ay), dx, dy);
        add(weight, sumX, sumY, y0 * gridWidth + x1, ax * (1 - ay), dx, dy);
        add(weight, sumX, sumY, y1 * gridWidth + x0, (1 - ax) * ay, dx, dy);
        add(weight, sumX, sumY, y1 * gridWidth + x1, ax * ay, dx, dy);
    }

    private static void add(float[] weight, float[] sumX, float[] sumY, int i, float w, float dx, float dy) {
        weight[i] += w;
        sumX[i] += w * dx;
        sumY[i] += w * dy;
    }

    private float[] blur(float[] values, double s) {
        Mat source = Pixels.mat(gridWidth, gridHeight, CvType.CV_32FC1, values);
        Mat blurred = new Mat();
        // zero outside the grid: weights and weighted values fade alike, so their ratio stays right at the edges
        Imgproc.GaussianBlur(source, blurred, new Size(0, 0), s, s, Core.BORDER_CONSTANT);
        float[] out = Pixels.floats(blurred);
        source.release();
        blurred.release();
        return out;
    }

    private static short quantize(double pixels) {
        long units = Math.round(pixels * FlowField.UNITS_PER_PIXEL);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, units));
    }
}
