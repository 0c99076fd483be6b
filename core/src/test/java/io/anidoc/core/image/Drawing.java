package io.anidoc.core.image;

import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** Small test drawings made with OpenCV's drawing functions (BGR, white paper). */
public final class Drawing {
    public static final Scalar BLACK = new Scalar(0, 0, 0);
    public static final Scalar WHITE = new Scalar(255, 255, 255);
    public static final Scalar RED = new Scalar(0, 0, 255);
    public static final Scalar BLUE = new Scalar(255, 0, 0);

    private final Mat image;

    private Drawing(Mat image) {
        this.image = image;
    }

    public static Drawing paper(int width, int height) {
        OpenCv.load();
        return new Drawing(new Mat(height, width, CvType.CV_8UC3, WHITE));
    }

    public Drawing line(double x0, double y0, double x1, double y1, Scalar color, int thickness) {
        Imgproc.line(image, new Point(x0, y0), new Point(x1, y1), color, thickness, Imgproc.LINE_AA);
        return this;
    }

    public Drawing rect(double x0, double y0, double x1, double y1, Scalar color, int thickness) {
        Imgproc.rectangle(image, new Point(x0, y0), new Point(x1, y1), color, thickness, Imgproc.LINE_AA);
        return this;
    }

    /** Filled rectangle, no antialiasing (flat paint). */
    public Drawing fillRect(double x0, double y0, double x1, double y1, Scalar color) {
        Imgproc.rectangle(image, new Point(x0, y0), new Point(x1, y1), color, -1, Imgproc.LINE_8);
        return this;
    }

    public Drawing circle(double x, double y, double radius, Scalar color, int thickness) {
        Imgproc.circle(image, new Point(x, y), (int) Math.round(radius), color, thickness, Imgproc.LINE_AA);
        return this;
    }

    /** Filled circle, no antialiasing (flat paint). */
    public Drawing fillCircle(double x, double y, double radius, Scalar color) {
        Imgproc.circle(image, new Point(x, y), (int) Math.round(radius), color, -1, Imgproc.LINE_8);
        return this;
    }

    public Drawing polygon(List<Point> points, Scalar color, int thickness) {
        Imgproc.polylines(image, List.of(new MatOfPoint(points.toArray(new Point[0]))), true, color, thickness,
                Imgproc.LINE_AA);
        return this;
    }

    public Drawing dot(int x, int y, int size, Scalar color) {
        Imgproc.rectangle(image, new Point(x, y), new Point(x + size - 1, y + size - 1), color, -1, Imgproc.LINE_8);
        return this;
    }

    public Mat bgr() {
        return image;
    }

    /** The drawing moved by (dx, dy) pixels, white paper coming in at the edges. */
    public Mat shifted(double dx, double dy) {
        Mat m = Mat.eye(2, 3, CvType.CV_64F);
        m.put(0, 2, dx);
        m.put(1, 2, dy);
        Mat out = new Mat();
        Imgproc.warpAffine(image, out, m, image.size(), Imgproc.INTER_NEAREST, Core.BORDER_REPLICATE);
        return out;
    }

    /** Black-on-transparent version: color black, alpha = darkness of each pixel. */
    public Mat asInkOnTransparent() {
        Mat gray = new Mat();
        Imgproc.cvtColor(image, gray, Imgproc.COLOR_BGR2GRAY);
        Mat alpha = new Mat();
        Core.subtract(new Mat(gray.size(), CvType.CV_8UC1, new Scalar(255)), gray, alpha);
        Mat zeros = Mat.zeros(gray.size(), CvType.CV_8UC1);
        Mat out = new Mat();
        Core.merge(List.of(zeros, zeros, zeros, alpha), out);
        return out;
    }

    /** BGR of one pixel as {b, g, r}. */
    public static int[] pixel(Mat bgr, int x, int y) {
        double[] v = bgr.get(y, x);
        return new int[] {(int) v[0], (int) v[1], (int) v[2]};
    }
}
