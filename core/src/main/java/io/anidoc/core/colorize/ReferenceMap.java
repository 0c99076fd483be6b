package io.anidoc.core.colorize;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import io.anidoc.core.image.Pixels;
import io.anidoc.core.lineart.InkClass;
import io.anidoc.core.lineart.LineArt;
import io.anidoc.core.regions.NearestPixel;

/**
 * A reference frame as palette indices: every pixel that shows a palette color (and is not a main
 * line) keeps it; line and antialiased pixels take the color of the nearest palette pixel, so the
 * map is a clean fill image of the reference.
 */
public record ReferenceMap(int frame, int width, int height, short[] index) {

    public static ReferenceMap build(int frame, Mat bgr, LineArt art, Palette palette) {
        int w = bgr.cols();
        int h = bgr.rows();
        if (art.width() != w || art.height() != h) {
            throw new IllegalArgumentException("reference " + frame + " is " + w + "x" + h + " but its line art is "
                    + art.width() + "x" + art.height());
        }
        byte[] px = Pixels.bytes(bgr);
        byte[] ink = art.inkBytes();
        int n = w * h;
        short[] index = new short[n];
        boolean[] known = new boolean[n];
        int knownCount = 0;
        for (int i = 0; i < n; i++) {
            int k = ink[i] == InkClass.MAIN ? Palette.NONE : palette.indexOf(Palette.rgb(px[3 * i], px[3 * i + 1], px[3 * i + 2]));
            if (k != Palette.NONE) {
                index[i] = (short) k;
                known[i] = true;
                knownCount++;
            }
        }
        if (knownCount == 0) {
            throw new IllegalArgumentException("reference " + frame + " shows no palette color");
        }
        if (knownCount < n) {
            int[] nearest = NearestPixel.nearestMarked(w, h, known);
            for (int i = 0; i < n; i++) {
                if (!known[i]) {
                    index[i] = index[nearest[i]];
                }
            }
        }
        return new ReferenceMap(frame, w, h, index);
    }

    /** As a CV_16UC1 Mat, for remapping. */
    public Mat toMat() {
        return Pixels.mat(width, height, CvType.CV_16UC1, index);
    }
}
