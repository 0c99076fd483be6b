package io.anidoc.core.sheet;

import java.util.List;
import java.util.Map;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.colorize.ClipColorizer;
import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.colorize.ColorHints;
import io.anidoc.core.colorize.ColorizeSettings;
import io.anidoc.core.colorize.ColorizedFrame;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.flow.DenseTracker;
import io.anidoc.core.flow.FlowSettings;
import io.anidoc.core.image.OpenCv;
import io.anidoc.core.lineart.LineArt;
import io.anidoc.core.lineart.LineArtExtractor;
import io.anidoc.core.regions.RegionSettings;

/**
 * Colors a drawing that has no keyframe from model sheets. The sheet whose figure fits the drawing
 * best ({@link SheetAligner}) is scaled and laid over the drawing on white paper; that picture acts
 * as the drawing's keyframe: dense correspondence from the drawing to it absorbs the difference in
 * pose, and the drawing's regions are painted by the same votes as from a keyframe, with the
 * sheet's exact palette. Regions the sheet does not cover stay paper and are reported uncertain.
 */
public final class SheetColorizer {
    private final DenseTracker tracker;
    private final ClipColorizer colorizer;
    private final LineArtExtractor extractor = LineArtExtractor.defaults();

    public SheetColorizer(FlowSettings flow, ColorizeSettings colorize, RegionSettings regions) {
        OpenCv.load();
        this.tracker = new DenseTracker(flow);
        this.colorizer = new ClipColorizer(colorize, regions);
    }

    /** The placement of the best fitting sheet. */
    public SheetPlacement place(List<ModelSheet> sheets, LineArt drawing) {
        return SheetAligner.placeBest(sheets, drawing);
    }

    public ColorizedFrame colorize(int frame, LineArt drawing, List<ModelSheet> sheets) {
        return colorize(frame, drawing, sheets, ColorHints.none());
    }

    /** As {@link #colorize(int, LineArt, List)}, with another colorizer's proposal as one more vote source. */
    public ColorizedFrame colorize(int frame, LineArt drawing, List<ModelSheet> sheets, ColorHints hints) {
        SheetPlacement placement = place(sheets, drawing);
        ModelSheet sheet = sheets.stream().filter(s -> s.name().equals(placement.sheet())).findFirst().orElseThrow();
        Mat laid = laidOver(sheet, placement, drawing.width(), drawing.height());
        LineArt laidArt = extractor.fromColor(laid);
        // the laid sheet stands as the frame just before the drawing
        int key = frame - 1;
        ClipFrames clip = new ClipFrames(List.of(frame), List.of(key), Map.of(frame, drawing, key, laidArt), Map.of(key, laid));
        DenseCorrespondence dense = tracker.track(List.of(key, frame), Map.of(frame, drawing.gray(), key, laidArt.gray()),
                List.of(key), null);
        ColorizedFrame out = null;
        Mat hint = hints.colors(frame);
        ColorHints own = hint == null ? ColorHints.none() : new ColorHints(Map.of(frame, hint), hints.weight());
        for (ColorizedFrame f : colorizer.colorize(clip, null, dense, own)) {
            if (f.frame() == frame) {
                out = f;
            } else {
                f.release();
            }
        }
        Mat covered = coverage(laid);
        out = out.withConfidence(Uncovered.flag(out.fill(), covered, out.confidence()));
        covered.release();
        laid.release();
        laidArt.release();
        return out;
    }

    /** Where the laid picture shows a figure (anything but paper white), grown by a few pixels over the lines. */
    private static Mat coverage(Mat laid) {
        Mat paper = new Mat();
        Core.inRange(laid, new Scalar(255, 255, 255), new Scalar(255, 255, 255), paper);
        Mat covered = new Mat();
        Core.bitwise_not(paper, covered);
        Imgproc.dilate(covered, covered, Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(7, 7)));
        paper.release();
        return covered;
    }

    /** The sheet's figures scaled and moved as placed, on white paper of the drawing's size. */
    static Mat laidOver(ModelSheet sheet, SheetPlacement p, int width, int height) {
        Mat canvas = new Mat(height, width, CvType.CV_8UC3, new Scalar(255, 255, 255));
        for (SheetPlacement.Placed placed : p.figures()) {
            SheetFigure figure = sheet.figures().get(placed.figure());
            Rect box = figure.box();
            Size size = new Size(Math.max(1, Math.round(box.width * p.scale())), Math.max(1, Math.round(box.height * p.scale())));
            Mat colors = new Mat();
            Mat mask = new Mat();
            Mat crop = sheet.bgr().submat(box);
            Imgproc.resize(crop, colors, size, 0, 0, p.scale() < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
            Imgproc.resize(figure.mask(), mask, size, 0, 0, Imgproc.INTER_NEAREST);
            crop.release();
            int x = (int) Math.round(placed.x());
            int y = (int) Math.round(placed.y());
            Rect inside = new Rect(Math.max(0, x), Math.max(0, y), 0, 0);
            inside.width = Math.min(width, x + (int) size.width) - inside.x;
            inside.height = Math.min(height, y + (int) size.height) - inside.y;
            if (inside.width > 0 && inside.height > 0) {
                Rect from = new Rect(inside.x - x, inside.y - y, inside.width, inside.height);
                Mat source = colors.submat(from);
                Mat sourceMask = mask.submat(from);
                Mat target = canvas.submat(inside);
                source.copyTo(target, sourceMask);
                source.release();
                sourceMask.release();
                target.release();
            }
            colors.release();
            mask.release();
        }
        return canvas;
    }
}
