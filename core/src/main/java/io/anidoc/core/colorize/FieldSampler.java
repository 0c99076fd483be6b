package io.anidoc.core.colorize;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.flow.FlowField;
import io.anidoc.core.image.Pixels;

/** A flow field brought to frame resolution: where each frame pixel lands in the target frame, and how sure that is. */
final class FieldSampler implements AutoCloseable {
    private final Mat mapX;
    private final Mat mapY;
    private final byte[] confidence;

    private FieldSampler(Mat mapX, Mat mapY, byte[] confidence) {
        this.mapX = mapX;
        this.mapY = mapY;
        this.confidence = confidence;
    }

    static FieldSampler of(FlowField field, Grid grid) {
        Mat mapX = upsample(field.dx(), field, grid);
        Mat mapY = upsample(field.dy(), field, grid);
        Core.add(mapX, grid.x(), mapX);
        Core.add(mapY, grid.y(), mapY);
        Mat conf = Pixels.mat(field.gridWidth(), field.gridHeight(), CvType.CV_8UC1, field.confidence());
        Mat confFull = new Mat();
        Imgproc.resize(conf, confFull, new Size(grid.width(), grid.height()), 0, 0, Imgproc.INTER_LINEAR);
        byte[] c = Pixels.bytes(confFull);
        conf.release();
        confFull.release();
        return new FieldSampler(mapX, mapY, c);
    }

    private static Mat upsample(short[] values, FlowField field, Grid grid) {
        Mat q = Pixels.mat(field.gridWidth(), field.gridHeight(), CvType.CV_16SC1, values);
        Mat f = new Mat();
        q.convertTo(f, CvType.CV_32F, 1.0 / FlowField.UNITS_PER_PIXEL);
        Mat full = new Mat();
        Imgproc.resize(f, full, new Size(grid.width(), grid.height()), 0, 0, Imgproc.INTER_LINEAR);
        q.release();
        f.release();
        return full;
    }

    /** Confidence 0..255 per frame pixel. */
    byte[] confidence() {
        return confidence;
    }

    /** Value of a 16-bit index image at each pixel's target (nearest, edges replicated). */
    short[] sample(Mat index16) {
        Mat out = new Mat();
        Imgproc.remap(index16, out, mapX, mapY, Imgproc.INTER_NEAREST, Core.BORDER_REPLICATE);
        short[] s = Pixels.shorts(out);
        out.release();
        return s;
    }

    @Override
    public void close() {
        mapX.release();
        mapY.release();
    }

    /** Pixel coordinates of a frame, as float Mats. */
    record Grid(int width, int height, Mat x, Mat y) implements AutoCloseable {
        static Grid of(int width, int height) {
            float[] xs = new float[width * height];
            float[] ys = new float[width * height];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    xs[y * width + x] = x;
                    ys[y * width + x] = y;
                }
            }
            return new Grid(width, height, Pixels.mat(width, height, CvType.CV_32FC1, xs),
                    Pixels.mat(width, height, CvType.CV_32FC1, ys));
        }

        @Override
        public void close() {
            x.release();
            y.release();
        }
    }
}
