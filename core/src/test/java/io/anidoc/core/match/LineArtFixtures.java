package io.anidoc.core.match;

import io.anidoc.core.image.OpenCv;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Generated line art for the matcher tests: dark strokes on white paper, warped by known motions. */
final class LineArtFixtures {
    private static final Scalar INK = new Scalar(0);
    private static final Scalar PAPER = new Scalar(255);

    private LineArtFixtures() {
    }

    static Mat blank(int width, int height) {
        OpenCv.load();
        return new Mat(height, width, CvType.CV_8UC1, PAPER);
    }

    /** Random strokes (ellipses, polylines, curves, small circles) inside {@code area}. */
    static Mat drawing(int width, int height, long seed, Rect area) {
        Mat image = blank(width, height);
        draw(image, seed, area);
        return image;
    }

    static Mat drawing(int width, int height, long seed) {
        return drawing(width, height, seed, new Rect(0, 0, width, height));
    }

    static void draw(Mat image, long seed, Rect area) {
        // java.util.Random gives nearly the same first values for neighbouring seeds: spread them first
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        int shapes = Math.max(6, area.width * area.height / 9000);
        for (int s = 0; s < shapes; s++) {
            int kind = random.nextInt(4);
            Point c = new Point(area.x + 10 + random.nextDouble() * (area.width - 20),
                    area.y + 10 + random.nextDouble() * (area.height - 20));
            int thickness = 1 + random.nextInt(2);
            switch (kind) {
                case 0 -> Imgproc.ellipse(image, c,
                        new Size(8 + random.nextInt(40), 6 + random.nextInt(30)), random.nextInt(180),
                        0, 360, INK, thickness, Imgproc.LINE_AA);
                case 1 -> Imgproc.polylines(image, List.of(polyline(random, c, 3 + random.nextInt(4), 45)),
                        random.nextBoolean(), INK, thickness, Imgproc.LINE_AA);
                case 2 -> Imgproc.polylines(image, List.of(curve(random, c)), false, INK, thickness, Imgproc.LINE_AA);
                default -> Imgproc.circle(image, c, 2 + random.nextInt(6), INK, thickness, Imgproc.LINE_AA);
            }
        }
    }

    private static MatOfPoint polyline(Random random, Point start, int vertices, double step) {
        List<Point> points = new ArrayList<>();
        Point p = start;
        for (int v = 0; v < vertices; v++) {
            points.add(p);
            p = new Point(p.x + (random.nextDouble() - 0.5) * 2 * step, p.y + (random.nextDouble() - 0.5) * 2 * step);
        }
        return new MatOfPoint(points.toArray(new Point[0]));
    }

    /** A quadratic Bezier stroke, flattened to a polyline. */
    private static MatOfPoint curve(Random random, Point start) {
        Point control = new Point(start.x + (random.nextDouble() - 0.5) * 120, start.y + (random.nextDouble() - 0.5) * 120);
        Point end = new Point(start.x + (random.nextDouble() - 0.5) * 120, start.y + (random.nextDouble() - 0.5) * 120);
        Point[] points = new Point[24];
        for (int i = 0; i < points.length; i++) {
            double t = i / (points.length - 1.0);
            double a = (1 - t) * (1 - t), b = 2 * (1 - t) * t, c = t * t;
            points[i] = new Point(a * start.x + b * control.x + c * end.x, a * start.y + b * control.y + c * end.y);
        }
        return new MatOfPoint(points);
    }

    /** {@code image} moved by the 2x3 row-major affine {@code m} (x' = m0 x + m1 y + m2, ...), paper outside. */
    static Mat warp(Mat image, double[] m) {
        Mat matrix = new Mat(2, 3, CvType.CV_64F);
        matrix.put(0, 0, m);
        Mat out = new Mat();
        Imgproc.warpAffine(image, out, matrix, image.size(), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, PAPER);
        return out;
    }

    /** Rotation by {@code degrees} (counter-clockwise on screen) and uniform scale about (cx, cy), then a shift. */
    static double[] similarity(double degrees, double scale, double cx, double cy, double dx, double dy) {
        Mat r = Imgproc.getRotationMatrix2D(new Point(cx, cy), degrees, scale);
        double[] m = new double[6];
        r.get(0, 0, m);
        m[2] += dx;
        m[5] += dy;
        return m;
    }

    static double[] translation(double dx, double dy) {
        return new double[] {1, 0, dx, 0, 1, dy};
    }

    /** Darkest of two drawings: both sets of strokes on one sheet. */
    static Mat overlay(Mat a, Mat b) {
        Mat out = new Mat();
        Core.min(a, b, out);
        return out;
    }

    static double[] apply(double[] m, double x, double y) {
        return new double[] {m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]};
    }
}
