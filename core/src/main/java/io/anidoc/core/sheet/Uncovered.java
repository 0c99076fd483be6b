package io.anidoc.core.sheet;

import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.colorize.FrameConfidence;
import io.anidoc.core.colorize.UncertainRegion;
import io.anidoc.core.image.Pixels;

/**
 * Marks what no sheet figure covers: a drawing's region left paper white outside every laid figure
 * (a background, a prop the sheets do not show) was not colored from any reference, so its
 * confidence is 0 and it is listed for the painter, with no candidate color.
 */
final class Uncovered {
    private static final int PAPER = 0xFFFFFF;

    private Uncovered() {
    }

    /**
     * @param fill    the drawing's flat fill (BGR)
     * @param covered 255 where a laid sheet figure covers the drawing
     */
    static FrameConfidence flag(Mat fill, Mat covered, FrameConfidence confidence) {
        Mat paper = new Mat();
        Core.inRange(fill, new Scalar(255, 255, 255), new Scalar(255, 255, 255), paper);
        Mat uncovered = new Mat();
        Core.bitwise_not(covered, uncovered);
        Core.bitwise_and(paper, uncovered, uncovered);
        Mat layer = confidence.layer().clone();
        layer.setTo(new Scalar(0), uncovered);
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        int count = Imgproc.connectedComponentsWithStats(uncovered, labels, stats, centroids, 4, CvType.CV_32S);
        List<UncertainRegion> uncertain = new ArrayList<>(confidence.uncertain());
        for (int k = 1; k < count; k++) {
            uncertain.add(new UncertainRegion((int) stats.get(k, Imgproc.CC_STAT_LEFT)[0], (int) stats.get(k, Imgproc.CC_STAT_TOP)[0],
                    (int) stats.get(k, Imgproc.CC_STAT_WIDTH)[0], (int) stats.get(k, Imgproc.CC_STAT_HEIGHT)[0],
                    (int) stats.get(k, Imgproc.CC_STAT_AREA)[0], 0, PAPER, List.of()));
        }
        uncertain.sort((a, b) -> a.area() != b.area() ? Integer.compare(b.area(), a.area())
                : a.y() != b.y() ? Integer.compare(a.y(), b.y()) : Integer.compare(a.x(), b.x()));
        long below = 0;
        for (byte v : Pixels.bytes(layer)) {
            if ((v & 0xff) < FrameConfidence.UNCERTAIN_BELOW) {
                below++;
            }
        }
        double share = (double) below / (layer.cols() * (long) layer.rows());
        for (Mat m : new Mat[] {paper, uncovered, labels, stats, centroids}) {
            m.release();
        }
        return new FrameConfidence(layer, share, uncertain);
    }
}
