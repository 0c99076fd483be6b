package io.anidoc.core.lineart;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.image.Pixels;

/** Builds the {@link LineArt} images from a cleaned ink classification and per-pixel strengths. */
final class LineLayers {
    /** Ink lighter than this is not leveled up to black: it stays as light as drawn. */
    static final int MIN_INK_LEVEL = 140;
    private LineLayers() {
    }

    /**
     * mainAlpha keeps the darkness of main-line pixels and of their one-pixel antialiased fringe (so grey
     * edges composite right over the fill); gray shows all ink, with paper noise away from ink removed.
     */
    static LineArt build(int w, int h, byte[] ink, byte[] dark, byte[] chroma) {
        return build(w, h, ink, dark, chroma, 0);
    }

    /**
     * @param levelWindow when > 0, main-line darkness is leveled by the darkest main ink within this
     *                    window (scanned grey ink becomes black line, its edges scale along); 0 keeps
     *                    darkness as drawn
     */
    static LineArt build(int w, int h, byte[] ink, byte[] dark, byte[] chroma, int levelWindow) {
        int n = w * h;
        byte[] main = new byte[n];
        byte[] any = new byte[n];
        for (int i = 0; i < n; i++) {
            if (ink[i] == InkClass.MAIN) {
                main[i] = (byte) 255;
            }
            if (ink[i] != InkClass.PAPER) {
                any[i] = (byte) 255;
            }
        }
        byte[] mainNear = dilate3(w, h, main);
        byte[] anyNear = dilate3(w, h, any);
        byte[] level = levelWindow > 0 ? inkLevel(w, h, ink, dark, levelWindow) : null;
        byte[] alpha = new byte[n];
        byte[] gray = new byte[n];
        for (int i = 0; i < n; i++) {
            if (mainNear[i] != 0 && ink[i] != InkClass.TRACE) {
                int d = dark[i] & 0xff;
                alpha[i] = (byte) (level == null ? d : Math.min(255, (d * 255 + 127) / Math.max(1, level[i] & 0xff)));
            }
            if (anyNear[i] != 0) {
                gray[i] = (byte) (255 - Math.max(dark[i] & 0xff, chroma[i] & 0xff));
            } else {
                gray[i] = (byte) 255;
            }
        }
        return new LineArt(w, h,
                Pixels.mat(w, h, CvType.CV_8UC1, gray),
                Pixels.mat(w, h, CvType.CV_8UC1, ink),
                Pixels.mat(w, h, CvType.CV_8UC1, alpha));
    }

    /** Darkest main ink within the window around each pixel, at least {@link #MIN_INK_LEVEL}. */
    private static byte[] inkLevel(int w, int h, byte[] ink, byte[] dark, int window) {
        int n = w * h;
        byte[] mainDark = new byte[n];
        for (int i = 0; i < n; i++) {
            if (ink[i] == InkClass.MAIN) {
                mainDark[i] = dark[i];
            }
        }
        Mat m = Pixels.mat(w, h, CvType.CV_8UC1, mainDark);
        Mat k = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(window, window));
        Imgproc.dilate(m, m, k);
        byte[] level = Pixels.bytes(m);
        m.release();
        k.release();
        for (int i = 0; i < n; i++) {
            if ((level[i] & 0xff) < MIN_INK_LEVEL) {
                level[i] = (byte) MIN_INK_LEVEL;
            }
        }
        return level;
    }

    static byte[] dilate3(int w, int h, byte[] mask) {
        Mat m = Pixels.mat(w, h, CvType.CV_8UC1, mask);
        Mat k = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
        Imgproc.dilate(m, m, k);
        byte[] out = Pixels.bytes(m);
        m.release();
        k.release();
        return out;
    }
}
