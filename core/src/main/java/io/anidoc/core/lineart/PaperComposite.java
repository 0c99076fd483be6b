package io.anidoc.core.lineart;

import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.image.OpenCv;
import io.anidoc.core.image.Pixels;

/** Brings any 8-bit input (gray, BGR, BGRA) to an opaque BGR image on white paper. */
public final class PaperComposite {
    private PaperComposite() {
    }

    /**
     * Returns a new BGR image. Transparent pixels become white paper. When every opaque pixel is light
     * (ink stored only in the alpha channel), the alpha itself is the ink: the result is 255 - alpha.
     */
    public static Mat toBgrOnWhite(Mat image) {
        OpenCv.load();
        if (image == null || image.empty()) {
            throw new IllegalArgumentException("empty image");
        }
        if (image.depth() != CvType.CV_8U) {
            throw new IllegalArgumentException("expected an 8-bit image, got " + CvType.typeToString(image.type()));
        }
        Mat bgr = new Mat();
        switch (image.channels()) {
            case 1 -> Imgproc.cvtColor(image, bgr, Imgproc.COLOR_GRAY2BGR);
            case 3 -> image.copyTo(bgr);
            case 4 -> compositeAlpha(image, bgr);
            default -> throw new IllegalArgumentException("unsupported channel count " + image.channels());
        }
        return bgr;
    }

    private static void compositeAlpha(Mat bgra, Mat out) {
        List<Mat> ch = new ArrayList<>(4);
        Core.split(bgra, ch);
        Mat alpha = ch.get(3);
        Core.MinMaxLocResult alphaRange = Core.minMaxLoc(alpha);
        Mat color = new Mat();
        Core.merge(ch.subList(0, 3), color);
        if (alphaRange.minVal >= 255) {
            color.copyTo(out);
            release(ch, color);
            return;
        }
        if (inkOnlyInAlpha(ch)) {
            Mat ink = new Mat();
            Core.subtract(new Mat(alpha.size(), CvType.CV_8UC1, new Scalar(255)), alpha, ink);
            Imgproc.cvtColor(ink, out, Imgproc.COLOR_GRAY2BGR);
            ink.release();
            release(ch, color);
            return;
        }
        // out = color * a + 255 * (1 - a), per channel
        Mat alpha3 = new Mat();
        Core.merge(List.of(alpha, alpha, alpha), alpha3);
        Mat covered = new Mat();
        Core.multiply(color, alpha3, covered, 1.0 / 255.0);
        Mat paper = new Mat();
        Core.subtract(new Mat(alpha3.size(), CvType.CV_8UC3, new Scalar(255, 255, 255)), alpha3, paper);
        Core.add(covered, paper, out);
        release(ch, color);
        alpha3.release();
        covered.release();
        paper.release();
    }

    /** True when no opaque pixel is dark: the drawing then lives in the alpha channel alone. */
    private static boolean inkOnlyInAlpha(List<Mat> ch) {
        byte[] b = Pixels.bytes(ch.get(0));
        byte[] g = Pixels.bytes(ch.get(1));
        byte[] r = Pixels.bytes(ch.get(2));
        byte[] a = Pixels.bytes(ch.get(3));
        int opaque = 0;
        int dark = 0;
        for (int i = 0; i < a.length; i++) {
            if ((a[i] & 0xff) >= 128) {
                opaque++;
                int mn = Math.min(b[i] & 0xff, Math.min(g[i] & 0xff, r[i] & 0xff));
                if (mn < 128) {
                    dark++;
                }
            }
        }
        return opaque > 0 && dark * 1000L < opaque;
    }

    private static void release(List<Mat> mats, Mat extra) {
        mats.forEach(Mat::release);
        extra.release();
    }
}
