package io.anidoc.core.colorize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
        List<int[]> perReference = new ArrayList<>();
        int total = 0;
        for (int k = 0; k < colors.size(); k++) {
            int[] flat = flatColors(colors.get(k), lineArts.get(k));
            perReference.add(flat);
            total += flat.length;
        }
        int[] all = new int[total];
        int at = 0;
        for (int[] flat : perReference) {
            System.arraycopy(flat, 0, all, at, flat.length);
            at += flat.length;
        }
        Arrays.sort(all);
        List<long[]> counted = new ArrayList<>(); // {count, rgb}
        for (int i = 0; i < all.length; ) {
            int j = i;
            while (j < all.length && all[j] == all[i]) {
                j++;
            }
            if (j - i >= minFlatPixels) {
                counted.add(new long[] {j - i, all[i]});
            }
            i = j;
        }
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

    /** Packed colors of the flat, non-main-line pixels of one reference. */
    private static int[] flatColors(Mat bgr, LineArt art) {
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
        int[] out = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (ink[i] == InkClass.MAIN || range[3 * i] != 0 || range[3 * i + 1] != 0 || range[3 * i + 2] != 0) {
                continue;
            }
            out[count++] = Palette.rgb(px[3 * i], px[3 * i + 1], px[3 * i + 2]);
        }
        return Arrays.copyOf(out, count);
    }
}
