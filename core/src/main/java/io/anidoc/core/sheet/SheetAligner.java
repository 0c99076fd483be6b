package io.anidoc.core.sheet;

import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.lineart.LineArt;

/**
 * Finds where a model sheet's figure lies in a drawing, at which size: symmetric chamfer matching
 * of their main lines over a range of scales. For every scale and position it measures how far the
 * sheet's lines lie from the drawing's lines and how far the drawing's lines inside the figure's
 * silhouette lie from the sheet's; both are computed for all positions at once as correlations
 * with distance transforms. The drawing is searched at a working size of {@value #WORK_SIDE}
 * pixels on its longer side; poses differ between sheet and drawing, so the best fit is only a
 * start, which dense correspondence refines.
 */
final class SheetAligner {
    static final int WORK_SIDE = 320;
    /**
     * Distances are capped at this share of the placed figure's diagonal and measured in caps, so
     * that a small figure is not favoured for having small distances: a line further than the cap
     * from any other costs the same however far.
     */
    private static final double CAP_SHARE = 0.05;
    private static final double MIN_CAP = 2;
    private static final float FAR = 1e4f;
    /** Figure heights searched, as shares of the drawing's height, geometric steps. */
    private static final double SMALLEST = 0.2;
    private static final double LARGEST = 1.0;
    private static final int STEPS = 16;
    private static final double[] REFINE = {0.94, 0.97, 1.03, 1.06};
    private static final int MIN_TEMPLATE_SIDE = 8;
    /** A prop is laid over the drawing only when it fits at least this well (see {@link SheetPlacement#cost()}). */
    private static final double PROP_MAX_COST = 0.6;
    /** Alpha (0-255) from which a main-line pixel counts as line at the working size. */
    private static final int LINE_ALPHA = 48;

    private SheetAligner() {
    }

    /** The placement of the sheet that fits the drawing best; the drawing's lines are prepared once for all. */
    static SheetPlacement placeBest(List<ModelSheet> sheets, LineArt drawing) {
        if (sheets.isEmpty()) {
            throw new IllegalArgumentException("no model sheet to color from");
        }
        double f = Math.min(1.0, WORK_SIDE / (double) Math.max(drawing.width(), drawing.height()));
        Size work = new Size(Math.max(1, Math.round(drawing.width() * f)), Math.max(1, Math.round(drawing.height() * f)));
        Mat drawingLines = lines(drawing.mainAlpha(), work);
        Mat drawingDistance = distance(drawingLines, FAR);
        try {
            SheetPlacement best = null;
            for (ModelSheet sheet : sheets) {
                SheetPlacement p = place(sheet, drawing, f, work, drawingLines, drawingDistance);
                if (best == null || p.cost() < best.cost()) {
                    best = p;
                }
            }
            return best;
        } finally {
            drawingLines.release();
            drawingDistance.release();
        }
    }

    private static SheetPlacement place(ModelSheet sheet, LineArt drawing, double f, Size work, Mat drawingLines,
                                        Mat drawingDistance) {
        List<SheetPlacement.Placed> placed = new ArrayList<>();
        Candidate main = null;
        Template figure = Template.of(sheet, 0);
        for (int k = 0; k < STEPS; k++) {
            double share = SMALLEST * Math.pow(LARGEST / SMALLEST, k / (double) (STEPS - 1));
            main = better(main, evaluate(share * work.height / figure.box().height, figure, drawingLines, drawingDistance));
        }
        if (main != null) {
            double found = main.scale;
            for (double r : REFINE) {
                main = better(main, evaluate(found * r, figure, drawingLines, drawingDistance));
            }
        }
        figure.release();
        if (main == null) {
            throw new IllegalArgumentException("model sheet " + sheet.name() + " cannot be placed in a "
                    + drawing.width() + "x" + drawing.height() + " drawing");
        }
        placed.add(new SheetPlacement.Placed(0, main.x / f, main.y / f, main.cost));
        // the other figures (props) are drawn at the sheet's one scale; each is laid only where it fits well
        for (int k = 1; k < sheet.figures().size(); k++) {
            Template prop = Template.of(sheet, k);
            Candidate c = evaluate(main.scale, prop, drawingLines, drawingDistance);
            prop.release();
            if (c != null && c.cost <= PROP_MAX_COST) {
                placed.add(new SheetPlacement.Placed(k, c.x / f, c.y / f, c.cost));
            }
        }
        return new SheetPlacement(sheet.name(), main.scale / f, placed, main.cost);
    }

    /** Lines and silhouette of one figure of a sheet, cropped to its box. */
    private record Template(Rect box, Mat alpha, Mat silhouette) {
        static Template of(ModelSheet sheet, int figure) {
            SheetFigure fig = sheet.figures().get(figure);
            Mat alpha = new Mat();
            Core.bitwise_and(sheet.lineArt().mainAlpha().submat(fig.box()), fig.mask(), alpha);
            return new Template(fig.box(), alpha, fig.mask());
        }

        void release() {
            alpha.release();
        }
    }

    private record Candidate(double scale, int x, int y, double cost) {
    }

    private static Candidate better(Candidate a, Candidate b) {
        return a == null || (b != null && b.cost < a.cost) ? b : a;
    }

    private static Candidate evaluate(double scale, Template template, Mat drawingLines, Mat drawingDistance) {
        Mat sheetAlpha = template.alpha();
        Mat sheetFigure = template.silhouette();
        Size size = new Size(Math.round(sheetAlpha.cols() * scale), Math.round(sheetAlpha.rows() * scale));
        if (size.width < MIN_TEMPLATE_SIDE || size.height < MIN_TEMPLATE_SIDE
                || size.width > drawingLines.cols() || size.height > drawingLines.rows()) {
            return null;
        }
        Mat lines = lines(sheetAlpha, size);
        double lineCount = Core.sumElems(lines).val[0];
        if (lineCount < MIN_TEMPLATE_SIDE) {
            lines.release();
            return null;
        }
        double cap = Math.max(MIN_CAP, CAP_SHARE * Math.hypot(size.width, size.height));
        Mat silhouette = silhouette(sheetFigure, size);
        Mat sheetDistance = distance(lines, cap);
        Core.multiply(sheetDistance, silhouette, sheetDistance);
        Mat cappedDrawing = new Mat();
        Core.min(drawingDistance, new Scalar(cap), cappedDrawing);

        Mat forward = new Mat();
        Imgproc.matchTemplate(cappedDrawing, lines, forward, Imgproc.TM_CCORR);
        Core.multiply(forward, new Scalar(1.0 / lineCount), forward);
        Mat backward = new Mat();
        Imgproc.matchTemplate(drawingLines, sheetDistance, backward, Imgproc.TM_CCORR);
        Mat covered = new Mat();
        Imgproc.matchTemplate(drawingLines, silhouette, covered, Imgproc.TM_CCORR);
        // a placement over (almost) empty paper explains none of the sheet: its backward term is the cap
        Mat sparse = new Mat();
        Imgproc.threshold(covered, sparse, 0.25 * lineCount, 1, Imgproc.THRESH_BINARY_INV);
        Core.max(covered, new Scalar(1), covered);
        Core.divide(backward, covered, backward);
        Core.multiply(sparse, new Scalar(cap), sparse);
        Core.max(backward, sparse, backward);
        Core.add(forward, backward, forward);
        Core.MinMaxLocResult min = Core.minMaxLoc(forward);
        for (Mat m : new Mat[] {lines, silhouette, sheetDistance, cappedDrawing, backward, covered, sparse, forward}) {
            m.release();
        }
        return new Candidate(scale, (int) min.minLoc.x, (int) min.minLoc.y, min.minVal / cap);
    }

    /** Main lines at a size, 1 on line and 0 elsewhere (32-bit float). */
    private static Mat lines(Mat alpha, Size size) {
        Mat small = new Mat();
        Imgproc.resize(alpha, small, size, 0, 0, Imgproc.INTER_AREA);
        Mat out = new Mat();
        Imgproc.threshold(small, small, LINE_ALPHA - 1, 1, Imgproc.THRESH_BINARY);
        small.convertTo(out, CvType.CV_32F);
        small.release();
        return out;
    }

    private static Mat silhouette(Mat figure, Size size) {
        Mat small = new Mat();
        Imgproc.resize(figure, small, size, 0, 0, Imgproc.INTER_AREA);
        Imgproc.threshold(small, small, 0, 1, Imgproc.THRESH_BINARY);
        Imgproc.dilate(small, small, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5)));
        Mat out = new Mat();
        small.convertTo(out, CvType.CV_32F);
        small.release();
        return out;
    }

    /** Distance (pixels, capped) from every pixel to the nearest line of a 0/1 float line mask. */
    private static Mat distance(Mat lines, double cap) {
        Mat notLine = new Mat();
        Imgproc.threshold(lines, notLine, 0.5, 255, Imgproc.THRESH_BINARY_INV);
        notLine.convertTo(notLine, CvType.CV_8U);
        Mat out = new Mat();
        Imgproc.distanceTransform(notLine, out, Imgproc.DIST_L2, Imgproc.DIST_MASK_PRECISE);
        Core.min(out, new Scalar(cap), out);
        notLine.release();
        return out;
    }
}
