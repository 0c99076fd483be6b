package io.anidoc.core.colorize;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import io.anidoc.core.image.Pixels;

/** Builds the output images of a drawing from its fill (palette indices) and its main-line opacity. */
final class Compositor {
    private Compositor() {
    }

    static ColorizedFrame compose(int frame, int w, int h, short[] fillIndex, Palette palette, byte[] alpha) {
        int n = w * h;
        byte[] fill = new byte[n * 3];
        byte[] color = new byte[n * 3];
        byte[] lines = new byte[n * 4];
        for (int i = 0; i < n; i++) {
            int rgb = palette.color(fillIndex[i] & 0xffff);
            int b = rgb & 0xff;
            int g = (rgb >> 8) & 0xff;
            int r = (rgb >> 16) & 0xff;
            int a = alpha[i] & 0xff;
            int keep = 255 - a;
            fill[3 * i] = (byte) b;
            fill[3 * i + 1] = (byte) g;
            fill[3 * i + 2] = (byte) r;
            // multiply the line over the fill: grey antialiased edges darken the fill proportionally
            color[3 * i] = (byte) ((b * keep + 127) / 255);
            color[3 * i + 1] = (byte) ((g * keep + 127) / 255);
            color[3 * i + 2] = (byte) ((r * keep + 127) / 255);
            lines[4 * i + 3] = (byte) a;
        }
        return new ColorizedFrame(frame,
                Pixels.mat(w, h, CvType.CV_8UC3, color),
                Pixels.mat(w, h, CvType.CV_8UC4, lines),
                Pixels.mat(w, h, CvType.CV_8UC3, fill),
                false);
    }
}
