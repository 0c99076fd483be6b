package io.anidoc.core.flow;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The image the flow is computed on: distance to the nearest line, ramped to 0..255 over
 * {@code range} grid pixels. Line art is mostly blank paper; the distance ramp gives every fill
 * area a shape to match on, which plain line images lack.
 */
final class FlowFeatures {
    private static final double INK_LEVEL = 200;

    private FlowFeatures() {
    }

    static Mat of(Mat lineGray, int gw, int gh, double range) {
        Mat small = new Mat();
        Imgproc.resize(lineGray, small, new Size(gw, gh), 0, 0, Imgproc.INTER_AREA);
        Mat paper = new Mat();
        Imgproc.threshold(small, paper, INK_LEVEL, 255, Imgproc.THRESH_BINARY);
        Mat dist = new Mat();
        Imgproc.distanceTransform(paper, dist, Imgproc.DIST_L2, Imgproc.DIST_MASK_5);
        Mat feature = new Mat();
        dist.convertTo(feature, CvType.CV_8U, 255.0 / range);
        // keep the drawn darkness on the lines themselves
        Core.min(feature, new Scalar(255), feature);
        Core.min(feature, small, feature);
        small.release();
        paper.release();
        dist.release();
        return feature;
    }
}
