package io.anidoc.core.metrics;

import java.nio.file.Files;
import java.nio.file.Path;

import io.anidoc.core.image.Images;
import io.anidoc.core.image.Pixels;
import org.opencv.core.Mat;

/**
 * An 8-bit BGR frame as a plain array. Grey images are expanded to three channels; images with
 * alpha are composited over white, which is how a transparent colored frame looks on paper.
 */
record ColorFrame(int width, int height, byte[] bgr) {

    static ColorFrame read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("missing image " + path);
        }
        Mat mat = Images.read(path);
        try {
            return fromMat(mat);
        } finally {
            mat.release();
        }
    }

    static ColorFrame fromMat(Mat mat) {
        int width = mat.cols();
        int height = mat.rows();
        int channels = mat.channels();
        byte[] src = Pixels.bytes(mat);
        if (channels == 3) {
            return new ColorFrame(width, height, src);
        }
        byte[] bgr = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            if (channels == 1) {
                bgr[3 * i] = src[i];
                bgr[3 * i + 1] = src[i];
                bgr[3 * i + 2] = src[i];
            } else {
                int alpha = src[4 * i + 3] & 0xFF;
                for (int c = 0; c < 3; c++) {
                    int v = src[4 * i + c] & 0xFF;
                    bgr[3 * i + c] = (byte) ((v * alpha + 255 * (255 - alpha) + 127) / 255);
                }
            }
        }
        return new ColorFrame(width, height, bgr);
    }

    int pixels() {
        return width * height;
    }

    /** Packed 0xRRGGBB color of pixel i. */
    int rgb(int i) {
        return ((bgr[3 * i + 2] & 0xFF) << 16) | ((bgr[3 * i + 1] & 0xFF) << 8) | (bgr[3 * i] & 0xFF);
    }

    /** True where the largest channel is at least the line threshold: not part of a black line. */
    boolean isNonLine(int i) {
        int b = bgr[3 * i] & 0xFF;
        int g = bgr[3 * i + 1] & 0xFF;
        int r = bgr[3 * i + 2] & 0xFF;
        return Math.max(b, Math.max(g, r)) >= ShotEvaluator.LINE_MAX_CHANNEL;
    }

    /** True when pixel i of both frames differs by at most the tolerance on every channel. */
    static boolean close(ColorFrame a, ColorFrame b, int i) {
        for (int c = 0; c < 3; c++) {
            if (Math.abs((a.bgr[3 * i + c] & 0xFF) - (b.bgr[3 * i + c] & 0xFF)) > ShotEvaluator.TOLERANCE) {
                return false;
            }
        }
        return true;
    }
}
