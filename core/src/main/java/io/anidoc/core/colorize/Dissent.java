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
 * pixel or two, keeping areas that disagree as a whole; the kept areas are then grown, since the flow
 * that finds an outvoted area is least sure at its edges.
 *
 * <p>Looked up on every second pixel in both directions (the flow fields are stored at a quarter of
 * the frame's resolution, so neighbouring lookups mostly repeat each other), opened and grown at that
 * half resolution, and read back per 2x2 block.
 */
final class Dissent {
    /** Radius of the opening at half resolution: drops disagreement bands up to about 4 pixels wide. */
    static final int OPENING_RADIUS = 1;
    /** Radius the kept areas are grown by at half resolution (twice that in frame pixels). */
    static final int GROW_RADIUS = 2;

    private Dissent() {
    }

    /**
     * @param lookups per chain (same order as the chains {@code choice} points at): the direct lookup
     *                into its reference's palette indices, or null where the chain has none
     * @return per pixel: the paint disagrees with the chosen chain's direct lookup
     */
    static boolean[] of(Regions regions, int[] choice, List<VoteSource> lookups, short[] fill) {
        int w = regions.width();
        int h = regions.height();
        int hw = (w + 1) / 2;
        int hh = (h + 1) / 2;
        int[] labels = regions.labels();
        byte[] raw = new byte[hw * hh];
        for (int y = 0; y < h; y += 2) {
            for (VoteSource lookup : lookups) {
                if (lookup != null) {
                    lookup.row(y);
                }
            }
            for (int x = 0; x < w; x += 2) {
                int i = y * w + x;
                VoteSource lookup = lookups.get(choice[labels[i]]);
                if (lookup != null && lookup.index(x, y) != fill[i]) {
                    raw[(y / 2) * hw + x / 2] = 1;
                }
            }
        }
        Mat mask = Pixels.mat(hw, hh, CvType.CV_8UC1, raw);
        Mat open = ellipse(OPENING_RADIUS);
        Mat grow = ellipse(GROW_RADIUS);
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_OPEN, open);
        Imgproc.dilate(mask, mask, grow);
        byte[] kept = Pixels.bytes(mask);
        mask.release();
        open.release();
        grow.release();
        boolean[] dissent = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            int row = (y / 2) * hw;
            for (int x = 0; x < w; x++) {
                dissent[y * w + x] = kept[row + x / 2] != 0;
            }
        }
        return dissent;
    }

    private static Mat ellipse(int radius) {
        return Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * radius + 1, 2 * radius + 1));
    }
}
