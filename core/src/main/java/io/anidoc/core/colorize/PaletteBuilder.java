package io.anidoc.core.colorize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.image.Pixels;
import io.anidoc.core.lineart.InkClass;
import io.anidoc.core.lineart.LineArt;

/**
 * Finds the palette of a clip in its colored references: the exact colors of pixels whose whole 3x3
 * neighbourhood has that same color (flat fills), away from main lines. Antialiased line edges and
 * the blends along color borders are never flat, so they never become palette colors.
 */
public final class PaletteBuilder {
    private PaletteBuilder() {
    }

    /**
     * @param colors    BGR references
     * @param lineArts  their line art (main-line pixels are skipped), same order
     * @param minFlatPixels flat pixels a color needs over all references
     */
    public static Palette build(List<Mat> colors, List<LineArt> lineArts, int minFlatPixels) {
        if (colors.isEmpty() || colors.size() != lineArts.size()) {
            throw new IllegalArgumentException("need one line art per reference, and at least one reference");
        }
        // flat pixels per color over all references; flat fills repeat the previous color most of the
        // time, so the map is touched once per run of one color rather than once per pixel
        Map<Integer, Long> flatPixels = new HashMap<>();
        for (int k = 0; k < colors.size(); k++) {
            countFlatColors(colors.get(k), lineArts.get(k), flatPixels);
        }
        List<long[]> counted = new ArrayList<>(); // {count, rgb}
        flatPixels.forEach((rgb, count) -> {
            if (count >= minFlatPixels) {
                counted.add(new long[] {count, rgb});
            }
        });
        if (counted.isEmpty()) {
            throw new IllegalArgumentException("the references have no flat fill colors (need " + minFlatPixels
                    + " pixels of one color in flat areas)");
        }
        return toPalette(counted);
    }

    /** Like {@link #build} but null when the references have no flat fill color. */
    public static Palette buildOrNull(List<Mat> colors, List<LineArt> lineArts, int minFlatPixels) {
        try {
            return build(colors, lineArts, minFlatPixels);
        } catch (IllegalArgumentException e) {
            if (colors.isEmpty() || colors.size() != lineArts.size()) {
                throw e;
            }
            return null;
        }
    }

    private static Palette toPalette(List<long[]> counted) {
        counted.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        int[] palette = new int[Math.min(counted.size(), Palette.NONE - 1)];
        for (int i = 0; i < palette.length; i++) {
            palette[i] = (int) counted.get(i)[1];
        }
        return new Palette(palette);
    }

    /** Adds the flat, non-main-line pixels of one reference to the count of their packed colors. */
    private static void countFlatColors(Mat bgr, LineArt art, Map<Integer, Long> flatPixels) {
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
        Mat hi = new Mat();
        Mat lo = new Mat();
        Imgproc.dilate(bgr, hi, kernel);
        Imgproc.erode(bgr, lo, kernel);
        Mat spread = new Mat();
        Core.absdiff(hi, lo, spread);
        byte[] range = Pixels.bytes(spread);
        byte[] px = Pixels.bytes(bgr);
        byte[] ink = art.inkBytes();
        hi.release();
        lo.release();
        spread.release();
        kernel.release();
        int n = ink.length;
        int runColor = 0;
        long runLength = 0;
        for (int i = 0; i < n; i++) {
            if (ink[i] == InkClass.MAIN || range[3 * i] != 0 || range[3 * i + 1] != 0 || range[3 * i + 2] != 0) {
                continue;
            }
            int rgb = Palette.rgb(px[3 * i], px[3 * i + 1], px[3 * i + 2]);
            if (runLength > 0 && rgb != runColor) {
                flatPixels.merge(runColor, runLength, Long::sum);
                runLength = 0;
            }
            runColor = rgb;
            runLength++;
        }
        if (runLength > 0) {
            flatPixels.merge(runColor, runLength, Long::sum);
        }
    }
}
