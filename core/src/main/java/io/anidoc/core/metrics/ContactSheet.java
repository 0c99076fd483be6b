package io.anidoc.core.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.colorize.FrameConfidence;
import io.anidoc.core.image.Images;
import io.anidoc.core.image.OpenCv;
import io.anidoc.core.image.Pixels;

/**
 * One PNG that shows a scored shot at a glance: a row per drawing with its line art, the prediction,
 * the ground truth, and the errors (wrong pixels red over a faded ground truth, uncertain regions
 * outlined in blue). Keyframes are left out; rows are scaled to {@link #ROW_WIDTH} pixels.
 */
public final class ContactSheet {
    public static final int ROW_WIDTH = 1600;
    private static final int GAP = 4;

    private ContactSheet() {
    }

    /** Writes the sheet to {@code target}; returns the number of rows. */
    public static int write(Path predOut, Path gtDir, Path target) {
        OpenCv.load();
        List<Mat> rows = new ArrayList<>();
        for (Map.Entry<Integer, Path> entry : FrameFiles.scoredTruths(gtDir).entrySet()) {
            String name = entry.getValue().getFileName().toString();
            ColorFrame truth = ColorFrame.read(entry.getValue());
            ColorFrame prediction = ColorFrame.read(predOut.resolve("color").resolve(name));
            Path linePath = gtDir.resolve("line").resolve(name);
            ColorFrame line = Files.isRegularFile(linePath) ? ColorFrame.read(linePath) : truth;
            Path confidencePath = predOut.resolve("confidence").resolve(name);
            ColorFrame confidence = Files.isRegularFile(confidencePath) ? ColorFrame.read(confidencePath) : null;
            rows.add(row(List.of(mat(line), mat(prediction), mat(truth), errors(prediction, truth, confidence))));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no drawing to show: every ground-truth frame is a keyframe");
        }
        Mat sheet = new Mat();
        Core.vconcat(rows, sheet);
        Images.write(target, sheet);
        int count = rows.size();
        rows.forEach(Mat::release);
        sheet.release();
        return count;
    }

    private static Mat errors(ColorFrame prediction, ColorFrame truth, ColorFrame confidence) {
        int n = truth.pixels();
        byte[] out = new byte[n * 3];
        for (int i = 0; i < n; i++) {
            boolean wrong = truth.isNonLine(i) && !ColorFrame.close(prediction, truth, i);
            for (int c = 0; c < 3; c++) {
                int faded = 170 + (truth.bgr()[3 * i + c] & 0xff) / 3;
                out[3 * i + c] = (byte) (wrong ? (c == 2 ? 255 : 0) : faded);
            }
        }
        Mat image = Pixels.mat(truth.width(), truth.height(), CvType.CV_8UC3, out);
        if (confidence != null) {
            byte[] mask = new byte[n];
            for (int i = 0; i < n; i++) {
                mask[i] = (byte) ((confidence.bgr()[3 * i] & 0xff) < FrameConfidence.UNCERTAIN_BELOW ? 255 : 0);
            }
            Mat flagged = Pixels.mat(truth.width(), truth.height(), CvType.CV_8UC1, mask);
            List<org.opencv.core.MatOfPoint> contours = new ArrayList<>();
            Mat hierarchy = new Mat();
            Imgproc.findContours(flagged, contours, hierarchy, Imgproc.RETR_LIST, Imgproc.CHAIN_APPROX_SIMPLE);
            int thickness = Math.max(2, truth.width() / 400);
            Imgproc.drawContours(image, contours, -1, new Scalar(255, 80, 0), thickness);
            flagged.release();
            hierarchy.release();
            contours.forEach(Mat::release);
        }
        return image;
    }

    private static Mat mat(ColorFrame f) {
        return Pixels.mat(f.width(), f.height(), CvType.CV_8UC3, f.bgr());
    }

    /** The cells side by side with white gaps, scaled to {@link #ROW_WIDTH}; releases the cells. */
    private static Mat row(List<Mat> cells) {
        Mat gap = new Mat(cells.get(0).rows(), GAP * cells.get(0).cols() / 400 + 1, CvType.CV_8UC3, new Scalar(255, 255, 255));
        List<Mat> parts = new ArrayList<>();
        for (Mat cell : cells) {
            if (!parts.isEmpty()) {
                parts.add(gap);
            }
            parts.add(cell);
        }
        Mat all = new Mat();
        Core.hconcat(parts, all);
        cells.forEach(Mat::release);
        gap.release();
        Mat scaled = new Mat();
        double s = (double) ROW_WIDTH / all.cols();
        Imgproc.resize(all, scaled, new Size(ROW_WIDTH, Math.max(1, Math.round(all.rows() * s))), 0, 0, Imgproc.INTER_AREA);
        all.release();
        return scaled;
    }
}
