package io.anidoc.core.lineart;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.image.OpenCv;
import io.anidoc.core.image.Pixels;

/**
 * Recovers line art from a colored frame (a keyframe delivered without its drawing): dark thin
 * strokes become main lines, and borders between differently colored areas become trace lines, so
 * the frame splits into the same kind of closed regions a drawing gives.
 *
 * @param darkLine  brightest-channel value at or below which a pixel may be a dark line
 * @param edgeDelta smallest per-channel difference between neighbours that marks a color border
 * @param maxLineWidthPer1000 widest dark stroke (pixels per 1000 of image width, at least 6 pixels) that
 *                  is a line; wider dark areas are fills
 */
public record LineArtExtractor(int darkLine, int edgeDelta, double maxLineWidthPer1000) {

    private static final int ANTIALIAS_EDGE = 40;
    /** Lines up to this width (pixels) count as lines at any image size. */
    private static final double MIN_LINE_WIDTH = 6;

    public static LineArtExtractor defaults() {
        return new LineArtExtractor(90, 12, 6.0);
    }

    public LineArt fromColor(Mat colorImage) {
        OpenCv.load();
        Mat bgr = PaperComposite.toBgrOnWhite(colorImage);
        int w = bgr.cols();
        int h = bgr.rows();
        int n = w * h;
        ChannelRange range = ChannelRange.of(bgr);
        Mat mxMat = range.max();
        Mat mnMat = range.min();

        // dark strokes, minus dark areas wider than a line (dark fills stay regions)
        Mat darkMask = new Mat();
        Imgproc.threshold(mxMat, darkMask, darkLine, 255, Imgproc.THRESH_BINARY_INV);
        int radius = (int) Math.round(Math.max(MIN_LINE_WIDTH, maxLineWidthPer1000 * w / 1000.0) / 2.0);
        Mat disk = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * radius + 1, 2 * radius + 1));
        Mat wide = new Mat();
        Imgproc.morphologyEx(darkMask, wide, Imgproc.MORPH_OPEN, disk);
        Core.subtract(darkMask, wide, darkMask);
        // local fill brightness, so antialiased line edges get an opacity relative to their fill
        Mat localBright = new Mat();
        Imgproc.dilate(mxMat, localBright, Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5)));

        byte[] darkLineMask = Pixels.bytes(darkMask);
        byte[] bright = Pixels.bytes(mxMat);
        byte[] low = Pixels.bytes(mnMat);
        byte[] local = Pixels.bytes(localBright);
        byte[] color = Pixels.bytes(bgr);
        darkMask.release();
        wide.release();
        mxMat.release();
        mnMat.release();
        localBright.release();
        bgr.release();

        byte[] mainNear = LineLayers.dilate3(w, h, darkLineMask);
        byte[] ink = new byte[n];
        byte[] dark = new byte[n];
        byte[] chroma = new byte[n];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int b = bright[i] & 0xff;
                int lb = Math.max(1, local[i] & 0xff);
                dark[i] = (byte) Math.max(0, Math.min(255, 255 - (b * 255 + lb / 2) / lb));
                chroma[i] = (byte) (b - (low[i] & 0xff));
                if (darkLineMask[i] != 0) {
                    ink[i] = InkClass.MAIN;
                } else if (differs(color, i, x + 1 < w ? i + 1 : -1) || differs(color, i, y + 1 < h ? i + w : -1)) {
                    // a border beside a dark line is the line's antialiased edge, not a fill border
                    ink[i] = mainNear[i] != 0 && (dark[i] & 0xff) >= ANTIALIAS_EDGE ? InkClass.MAIN : InkClass.TRACE;
                }
            }
        }
        LineArt art = LineLayers.build(w, h, ink, dark, chroma);
        // borders are ink for segmentation and matching; show them as mid-grey strokes in the gray image
        byte[] gray = Pixels.bytes(art.gray());
        for (int i = 0; i < n; i++) {
            if (ink[i] == InkClass.TRACE) {
                gray[i] = (byte) Math.min(gray[i] & 0xff, 96);
            }
        }
        art.gray().put(0, 0, gray);
        return art;
    }

    private boolean differs(byte[] bgr, int i, int j) {
        if (j < 0) {
            return false;
        }
        int a = i * 3;
        int b = j * 3;
        return Math.abs((bgr[a] & 0xff) - (bgr[b] & 0xff)) >= edgeDelta
                || Math.abs((bgr[a + 1] & 0xff) - (bgr[b + 1] & 0xff)) >= edgeDelta
                || Math.abs((bgr[a + 2] & 0xff) - (bgr[b + 2] & 0xff)) >= edgeDelta;
    }
}
