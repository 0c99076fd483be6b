package io.anidoc.core.colorize;

import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import io.anidoc.core.image.Pixels;

/** Builds the output images of a drawing from its fill (palette indices) and its main-line opacity. */
final class Compositor {
    private Compositor() {
    }

    /**
     * @param alpha 8-bit opacity of the main lines (the drawing's {@code LineArt.mainAlpha()})
     */
    static ColorizedFrame compose(int frame, int w, int h, short[] fillIndex, Palette palette, Mat alpha) {
        int n = w * h;
        int colors = palette.size();
        byte[] bgr = new byte[colors * 3];
        for (int c = 0; c < colors; c++) {
            int rgb = palette.color(c);
            bgr[3 * c] = (byte) rgb;
            bgr[3 * c + 1] = (byte) (rgb >> 8);
            bgr[3 * c + 2] = (byte) (rgb >> 16);
        }
        byte[] fillBytes = new byte[n * 3];
        for (int i = 0; i < n; i++) {
            int c = 3 * (fillIndex[i] & 0xffff);
            fillBytes[3 * i] = bgr[c];
            fillBytes[3 * i + 1] = bgr[c + 1];
            fillBytes[3 * i + 2] = bgr[c + 2];
        }
        Mat fill = Pixels.mat(w, h, CvType.CV_8UC3, fillBytes);
        Mat zero = Mat.zeros(h, w, CvType.CV_8UC1);
        Mat lines = new Mat();
        Core.merge(List.of(zero, zero, zero, alpha), lines);
        // multiply the line over the fill: grey antialiased edges darken the fill proportionally,
        // fill x (255 - alpha) / 255 rounded to nearest (no exact halves occur)
        Mat keep = new Mat();
        Core.bitwise_not(alpha, keep);
        Mat keep3 = new Mat();
        Core.merge(List.of(keep, keep, keep), keep3);
        Mat color = new Mat();
        Core.multiply(fill, keep3, color, 1.0 / 255.0);
        zero.release();
        keep.release();
        keep3.release();
        return new ColorizedFrame(frame, color, lines, fill, false);
    }
}
