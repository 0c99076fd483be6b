package io.anidoc.core.sheet;

import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Scalar;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.image.OpenCv;
import io.anidoc.core.lineart.ChannelRange;
import io.anidoc.core.lineart.LineArt;
import io.anidoc.core.lineart.LineArtExtractor;
import io.anidoc.core.lineart.PaperComposite;

/**
 * A color model sheet: a character (or prop) painted on paper, of any size and pose, that is not a
 * frame of the shot. It gives the shot its exact palette and, placed over a drawing, the colors of
 * the drawing's regions.
 *
 * @param name       the sheet's name ({@code refs/NAME.png})
 * @param bgr        the sheet on white paper (BGR)
 * @param lineArt    lines recovered from its colors
 * @param figures    the separate things painted on it (a character, its props), largest first
 */
public record ModelSheet(String name, Mat bgr, LineArt lineArt, List<SheetFigure> figures) {

    /** A painted thing smaller than this share of the largest one is a mark, not a figure. */
    private static final double MIN_FIGURE_SHARE = 0.005;

    /** Channel values at or above this on every channel, with no more spread than {@link #PAPER_SPREAD}, are paper. */
    private static final int PAPER_LEVEL = 245;
    private static final int PAPER_SPREAD = 8;

    public static ModelSheet of(String name, Mat image) {
        OpenCv.load();
        Mat bgr = PaperComposite.toBgrOnWhite(image);
        LineArt art = LineArtExtractor.defaults().fromColor(bgr);
        ChannelRange range = ChannelRange.of(bgr);
        Mat paper = new Mat();
        Mat spread = new Mat();
        Core.subtract(range.max(), range.min(), spread);
        Mat bright = new Mat();
        Imgproc.threshold(range.min(), bright, PAPER_LEVEL - 1, 255, Imgproc.THRESH_BINARY);
        Mat flat = new Mat();
        Imgproc.threshold(spread, flat, PAPER_SPREAD, 255, Imgproc.THRESH_BINARY_INV);
        Core.bitwise_and(bright, flat, paper);
        Mat figure = new Mat();
        Core.bitwise_not(paper, figure);
        range.max().release();
        range.min().release();
        paper.release();
        spread.release();
        bright.release();
        flat.release();
        List<SheetFigure> figures = figures(figure);
        figure.release();
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("model sheet " + name + " is blank paper: nothing is painted on it");
        }
        return new ModelSheet(name, bgr, art, figures);
    }

    public SheetFigure main() {
        return figures.get(0);
    }

    /** The area inside a component's outer outline: paper-colored paint inside a figure (an eye's white) is part of it. */
    private static Mat filled(Mat component) {
        List<MatOfPoint> outlines = new ArrayList<>();
        Mat hierarchy = new Mat();
        Imgproc.findContours(component, outlines, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_NONE);
        Mat mask = Mat.zeros(component.size(), CvType.CV_8UC1);
        Imgproc.drawContours(mask, outlines, -1, new Scalar(255), Imgproc.FILLED);
        Core.bitwise_or(mask, component, mask);
        outlines.forEach(Mat::release);
        hierarchy.release();
        return mask;
    }

    /** Connected painted areas, largest first; specks are dropped. */
    private static List<SheetFigure> figures(Mat painted) {
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        int count = Imgproc.connectedComponentsWithStats(painted, labels, stats, centroids, 8, CvType.CV_32S);
        List<int[]> found = new ArrayList<>(); // {label, area}
        for (int k = 1; k < count; k++) {
            found.add(new int[] {k, (int) stats.get(k, Imgproc.CC_STAT_AREA)[0]});
        }
        found.sort((a, b) -> a[1] != b[1] ? Integer.compare(b[1], a[1]) : Integer.compare(a[0], b[0]));
        List<SheetFigure> out = new ArrayList<>();
        for (int[] f : found) {
            if (f[1] < MIN_FIGURE_SHARE * found.get(0)[1]) {
                break;
            }
            int k = f[0];
            Rect box = new Rect((int) stats.get(k, Imgproc.CC_STAT_LEFT)[0], (int) stats.get(k, Imgproc.CC_STAT_TOP)[0],
                    (int) stats.get(k, Imgproc.CC_STAT_WIDTH)[0], (int) stats.get(k, Imgproc.CC_STAT_HEIGHT)[0]);
            Mat component = new Mat();
            Core.inRange(labels.submat(box), new Scalar(k), new Scalar(k), component);
            out.add(new SheetFigure(box, filled(component)));
            component.release();
        }
        labels.release();
        stats.release();
        centroids.release();
        return out;
    }

    public void release() {
        bgr.release();
        lineArt.release();
        figures.forEach(f -> f.mask().release());
    }
}
