package io.anidoc.core.lineart;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.image.OpenCv;
import io.anidoc.core.image.Pixels;

/**
 * Turns a drawing as delivered (black or grey lines on white, lines on a transparent background,
 * colored trace lines, paper scans) into a {@link LineArt}: paper normalized to white by a local
 * paper-brightness estimate (adaptive threshold), ink classified as main (dark) or trace (saturated),
 * grown from strong seeds (hysteresis) and cleaned of small specks.
 */
public final class LineArtNormalizer {
    /** Paper is never darker than this; keeps large black areas from being taken for paper. */
    private static final int PAPER_FLOOR = 160;

    private final LineArtSettings settings;

    public LineArtNormalizer(LineArtSettings settings) {
        this.settings = settings;
    }

    public LineArt normalize(Mat image) {
        OpenCv.load();
        Mat bgr = PaperComposite.toBgrOnWhite(image);
        int w = bgr.cols();
        int h = bgr.rows();
        ChannelRange range = ChannelRange.of(bgr);
        Mat mx = range.max();
        Mat mn = range.min();
        bgr.release();

        Mat paper = estimatePaper(mx);
        Core.divide(mx, paper, mx, 255.0);
        Core.divide(mn, paper, mn, 255.0);
        paper.release();

        byte[] bright = Pixels.bytes(mx);
        byte[] low = Pixels.bytes(mn);
        mx.release();
        mn.release();
        int n = w * h;
        byte[] dark = new byte[n];
        byte[] chroma = new byte[n];
        byte[] candidate = new byte[n];
        for (int i = 0; i < n; i++) {
            int d = 255 - (bright[i] & 0xff);
            int c = (bright[i] & 0xff) - (low[i] & 0xff);
            dark[i] = (byte) d;
            chroma[i] = (byte) c;
            if (c >= settings.traceWeak() && c >= d) {
                candidate[i] = InkClass.TRACE;
            } else if (d >= settings.mainWeak()) {
                candidate[i] = InkClass.MAIN;
            }
        }
        double minArea = Math.max(settings.minSpeckArea(), settings.minInkArea() * ((double) n / 1_000_000.0));
        byte[] ink = InkCleaner.keepSeededComponents(w, h, candidate, dark, chroma,
                settings.mainStrong(), settings.traceStrong(), (int) Math.round(minArea));
        int levelWindow = Math.max(3, (int) Math.round(settings.paperWindow() * w / 1000.0)) | 1;
        return LineLayers.build(w, h, ink, dark, chroma, levelWindow);
    }

    /** Paper brightness per pixel: local maximum of the brightest channel, smoothed, floored. */
    private Mat estimatePaper(Mat bright) {
        int w = bright.cols();
        int h = bright.rows();
        double factor = Math.max(1.0, w / 256.0);
        int sw = Math.max(1, (int) Math.round(w / factor));
        int sh = Math.max(1, (int) Math.round(h / factor));
        Mat small = new Mat();
        Imgproc.resize(bright, small, new Size(sw, sh), 0, 0, Imgproc.INTER_AREA);
        int window = (int) Math.round(settings.paperWindow() * (w / 1000.0) / factor);
        window = Math.max(3, window | 1);
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(window, window));
        Imgproc.dilate(small, small, kernel);
        Imgproc.blur(small, small, new Size(window, window));
        Mat paper = new Mat();
        Imgproc.resize(small, paper, new Size(w, h), 0, 0, Imgproc.INTER_LINEAR);
        Core.max(paper, new Scalar(PAPER_FLOOR), paper);
        small.release();
        kernel.release();
        return paper;
    }
}
