package io.anidoc.core.lineart;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import io.anidoc.core.image.Pixels;

/**
 * Normalized line art of one drawing.
 *
 * @param gray      8-bit ink image on white paper (255): main and trace ink both dark, paper noise removed;
 *                  the input of keypoint matching and flow
 * @param ink       8-bit class per pixel ({@link InkClass}): paper, main line or trace line
 * @param mainAlpha 8-bit opacity of the main line layer: 255 on solid black line, partial on
 *                  antialiased and grey edges, 0 on paper and trace lines
 */
public record LineArt(int width, int height, Mat gray, Mat ink, Mat mainAlpha) {

    public LineArt {
        check(gray, width, height, "gray");
        check(ink, width, height, "ink");
        check(mainAlpha, width, height, "mainAlpha");
    }

    public byte[] inkBytes() {
        return Pixels.bytes(ink);
    }

    public byte[] mainAlphaBytes() {
        return Pixels.bytes(mainAlpha);
    }

    /** Frees the three images' native memory now instead of at garbage collection. */
    public void release() {
        gray.release();
        ink.release();
        mainAlpha.release();
    }

    private static void check(Mat m, int width, int height, String name) {
        if (m == null || m.type() != CvType.CV_8UC1 || m.cols() != width || m.rows() != height) {
            throw new IllegalArgumentException(name + " must be an 8-bit single channel " + width + "x" + height + " image");
        }
    }
}
