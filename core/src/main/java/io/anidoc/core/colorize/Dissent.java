package io.anidoc.core.colorize;

import java.util.List;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.image.Pixels;
import io.anidoc.core.regions.Regions;

/**
 * Where a drawing's own correspondence disagrees with its paint: the pixels whose direct lookup into
 * the reference of the chain their region was taken from names another color than the one painted
 * there. A region is painted by majority, so the part that a line gap merged into it (an eye's white
 * open to the face, a hat top that the hair region swallowed) is outvoted yet still seen by its own
 * pixels. A morphological opening drops the thin bands every line leaves where the flow is off by a
 * pixel or two, keeping areas that disagree as a whole; the kept areas are then grown by
 * {@link #GROW_RADIUS}, since the flow that finds an outvoted area is least sure at its edges.
 */
final class Dissent {
    /** Radius of the opening, in pixels: removes disagreement bands up to about twice this wide. */
    static final int OPENING_RADIUS = 2;
    /** Radius the kept areas are grown by, in pixels. */
    static final int GROW_RADIUS = 3;

    private Dissent() {
    }

    /**
     * @param lookups per chain (same order as {@code chains}): the direct lookup into its reference's
     *                palette indices, or null where the chain has no direct correspondence
     * @return per pixel: the paint disagrees with the chosen chain's direct lookup
     */
    static boolean[] of(Regions regions, int[] choice, List<VoteSource> lookups, short[] fill) {
        int w = regions.width();
        int h = regions.height();
        int[] labels = regions.labels();
        byte[] raw = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (VoteSource lookup : lookups) {
                if (lookup != null) {
                    lookup.row(y);
                }
            }
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                VoteSource lookup = lookups.get(choice[labels[i]]);
                if (lookup != null && lookup.index(x, y) != fill[i]) {
                    raw[i] = 1;
                }
            }
        }
        Mat mask = Pixels.mat(w, h, CvType.CV_8UC1, raw);
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE,
                new Size(2 * OPENING_RADIUS + 1, 2 * OPENING_RADIUS + 1));
        Mat opened = new Mat();
        Imgproc.morphologyEx(mask, opened, Imgproc.MORPH_OPEN, kernel);
        Mat grow = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * GROW_RADIUS + 1, 2 * GROW_RADIUS + 1));
        Imgproc.dilate(opened, opened, grow);
        byte[] kept = Pixels.bytes(opened);
        mask.release();
        kernel.release();
        grow.release();
        opened.release();
        boolean[] dissent = new boolean[w * h];
        for (int i = 0; i < kept.length; i++) {
            dissent[i] = kept[i] != 0;
        }
        return dissent;
    }
}
