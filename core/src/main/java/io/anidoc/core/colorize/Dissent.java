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
 * pixel or two, keeping areas that disagree as a whole.
 *
 * <p>Where the correspondence is sure of itself (forward-backward consistency at least
 * {@link #REPAINT_CONSISTENCY}), the area takes the looked-up color: the paint then follows the
 * reference inside a region whose lines do not close. The rest is flagged for the confidence layer,
 * grown, since the flow that finds it is least sure at its edges.
 *
 * <p>Where the reference itself paints both colors inside one of its regions (a hat against the hair
 * with no line between, {@link ReferenceBlends}), the boundary between them was never a line, so no
 * line can place it in the drawing either: a large area (at least {@link #BLEND_REPAINT_SHARE} of the
 * frame) whose lookups land in such a region on the other color takes that color however unsure the
 * flow, and stays flagged, since it is the flow alone that drew its edge. So does a band of
 * {@link #UNLINED_EDGE_BAND} of the width on both sides of every such edge in the drawing's paint
 * (two fills meeting on paper, inside a drawing region that lands in a reference region of several
 * fills), wherever the edge came from: off by tens of pixels, it leaves a strip of wrong paint
 * along it that the votes cannot see.
 *
 * <p>Looked up on every second pixel in both directions (the flow fields are stored at a quarter of
 * the frame's resolution, so neighbouring lookups mostly repeat each other), opened and grown at that
 * half resolution, and read back per 2x2 block.
 *
 * @param flagged per pixel: part of a dissenting area, grown, and not repainted; or near an edge the
 *                reference paints without a line; or along a frame edge that lost a fill the reference
 *                paints there ({@link LostEdgeFills})
 */
record Dissent(boolean[] flagged) {
    /** Radius of the opening at half resolution: drops disagreement bands up to about 4 pixels wide. */
    static final int OPENING_RADIUS = 1;
    /** Radius the flagged areas are grown by at half resolution (twice that in frame pixels). */
    static final int GROW_RADIUS = 2;
    /**
     * Lookup weight (0-1, the flow's forward-backward consistency) from which an area is repainted: a
     * round trip off by up to about 2.5 frame pixels (0.83 of the consistency scale of 3 pixels).
     */
    static final double REPAINT_CONSISTENCY = 0.5;
    /**
     * Smallest area repainted, in half-resolution pixels: 32 samples of the quarter-resolution flow
     * field. Smaller sure areas are too few samples to overrule a region's vote (in small frames they
     * are mostly where the flow misses a thin shape by a sample).
     */
    static final int MIN_REPAINT_AREA = 128;
    /**
     * Smallest area repainted on a boundary the reference draws without a line, as a share of the
     * frame: the flow is not sure there, and only an area this large outweighs its noise.
     */
    static final double BLEND_REPAINT_SHARE = 0.006;
    /**
     * Half width of the band flagged around an edge between two fills that the reference paints
     * without a line, as a share of the frame's width (29 pixels at 1920): where the flow put such an
     * edge, it is off by tens of pixels as often as not.
     */
    static final double UNLINED_EDGE_BAND = 0.015;
    /**
     * Shortest such edge flagged, as a share of the frame's width: a shorter one is a tip or a speck
     * the flow repainted, and bands around them would flag far more than they catch.
     */
    static final double MIN_UNLINED_EDGE = 0.03;

    /**
     * A chain's direct correspondence into its reference, looked up twice: into the reference's
     * palette indices and into its region labels, whose colors {@code blends} knows.
     */
    record Lookup(VoteSource colors, VoteSource labels, ReferenceBlends blends) {
    }

    /**
     * Finds the dissenting areas and repaints the sure ones in {@code fill} (own pixels, then ink from
     * its nearest own pixel).
     *
     * @param lookups per chain (same order as the chains {@code choice} points at): its direct lookup
     *                into its reference, or null where the chain has none
     */
    static Dissent findAndRepaint(Regions regions, int[] choice, List<Lookup> lookups, short[] fill) {
        int w = regions.width();
        int h = regions.height();
        int hw = (w + 1) / 2;
        int hh = (h + 1) / 2;
        int[] labels = regions.labels();
        byte[] raw = new byte[hw * hh];
        byte[] sure = new byte[hw * hh];
        byte[] blend = new byte[hw * hh];
        short[] looked = new short[hw * hh];
        boolean anySure = false;
        boolean anyBlend = false;
        byte[] unlined = new byte[hw * hh];
        boolean anyUnlined = false;
        for (int y = 0; y < h; y += 2) {
            for (Lookup lookup : lookups) {
                if (lookup != null) {
                    lookup.colors().row(y);
                    if (lookup.blends().anySeveral()) {
                        lookup.labels().row(y);
                    }
                }
            }
            for (int x = 0; x < w; x += 2) {
                int i = y * w + x;
                Lookup lookup = lookups.get(choice[labels[i]]);
                if (lookup == null) {
                    continue;
                }
                if (lookup.blends().anySeveral() && lookup.blends().holdsSeveral(lookup.labels().index(x, y))) {
                    unlined[(y / 2) * hw + x / 2] = 1;
                    anyUnlined = true;
                }
                int index = lookup.colors().index(x, y);
                if (index != fill[i]) {
                    int j = (y / 2) * hw + x / 2;
                    raw[j] = 1;
                    looked[j] = (short) index;
                    if (lookup.colors().weight(x, y) >= REPAINT_CONSISTENCY) {
                        sure[j] = 1;
                        anySure = true;
                    } else if (lookup.blends().mayHoldBoth(index, fill[i])) {
                        if (lookup.blends().holdsBoth(lookup.labels().index(x, y), index, fill[i])) {
                            blend[j] = 1;
                            anyBlend = true;
                        }
                    }
                }
            }
        }
        byte[] flaggedHalf = morph(raw, hw, hh, GROW_RADIUS);
        // most drawings have nothing to repaint on one side or both: an empty mask stays empty
        byte[] repaintHalf = anySure ? withoutSmallAreas(morph(sure, hw, hh, 0), hw, hh, MIN_REPAINT_AREA) : sure;
        byte[] blendHalf = anyBlend ? withoutSmallAreas(morph(blend, hw, hh, 0), hw, hh,
                (int) Math.ceil(BLEND_REPAINT_SHARE * hw * hh)) : blend;
        for (int j = 0; j < repaintHalf.length; j++) {
            // a sure repaint wins where both would repaint
            blendHalf[j] = (byte) (repaintHalf[j] == 0 ? blendHalf[j] : 0);
            repaintHalf[j] |= blendHalf[j];
        }
        boolean[] flagged = new boolean[w * h];
        boolean[] own = regions.own();
        for (int y = 0; y < h; y++) {
            int row = (y / 2) * hw;
            for (int x = 0; x < w; x++) {
                flagged[y * w + x] = flaggedHalf[row + x / 2] != 0;
            }
        }
        boolean repainted = false;
        // most drawings have nothing to repaint: the pass is skipped
        if (anySure || anyBlend) {
            for (int y = 0; y < h; y++) {
                int row = (y / 2) * hw;
                int sampleRow = (y & ~1) * w;
                for (int x = 0; x < w; x++) {
                    int i = y * w + x;
                    int j = row + x / 2;
                    // within the block, only the sampled pixel's region takes its lookup
                    if (repaintHalf[j] != 0 && own[i] && labels[i] == labels[sampleRow + (x & ~1)]) {
                        fill[i] = looked[j];
                        repainted = true;
                        // repainted by a sure correspondence: no longer in doubt; across a boundary the
                        // reference draws without a line: still in doubt
                        flagged[i] = blendHalf[j] != 0;
                    }
                }
            }
        }
        if (repainted) {
            regions.fillInk(fill);
        }
        if (anyUnlined) {
            flagUnlinedEdges(regions, fill, unlined, hw, hh, flagged);
        }
        LostEdgeFills.flag(regions, choice, lookups, fill, flagged);
        return new Dissent(flagged);
    }

    /**
     * Flags a band around every edge between two fills inside one region of the drawing where it lands
     * in a reference region that holds several fills: the reference draws no line there, so the edge
     * is where the flow put it, and the flow may be off by much more than along a line.
     */
    private static void flagUnlinedEdges(Regions regions, short[] fill, byte[] unlined, int hw, int hh,
                                         boolean[] flagged) {
        int w = regions.width();
        int h = regions.height();
        boolean[] own = regions.own();
        byte[] edge = new byte[hw * hh];
        boolean anyEdge = false;
        for (int y = 0; y < hh; y++) {
            for (int x = 0; x < hw; x++) {
                int j = y * hw + x;
                if (unlined[j] == 0) {
                    continue;
                }
                int i = (2 * y) * w + 2 * x;
                // two fills meeting on paper: a line between them (a leak split along it) is not such an edge
                boolean differs = x + 1 < hw && 2 * x + 2 < w && unlined[j + 1] != 0 && fill[i + 2] != fill[i]
                        && own[i] && own[i + 1] && own[i + 2]
                        || y + 1 < hh && 2 * y + 2 < h && unlined[j + hw] != 0 && fill[i + 2 * w] != fill[i]
                        && own[i] && own[i + w] && own[i + 2 * w];
                if (differs) {
                    edge[j] = 1;
                    anyEdge = true;
                }
            }
        }
        if (!anyEdge) {
            return;
        }
        int radius = Math.max(1, (int) Math.round(UNLINED_EDGE_BAND * hw));
        // a short edge is a tip or a speck the flow repainted, not a boundary across a shape
        edge = withoutSmallAreas(edge, hw, hh, (int) Math.ceil(MIN_UNLINED_EDGE * hw));
        Mat mask = Pixels.mat(hw, hh, CvType.CV_8UC1, edge);
        Mat kernel = ellipse(radius);
        Imgproc.dilate(mask, mask, kernel);
        kernel.release();
        byte[] band = Pixels.bytes(mask);
        mask.release();
        for (int y = 0; y < h; y++) {
            int row = (y / 2) * hw;
            for (int x = 0; x < w; x++) {
                int j = row + x / 2;
                if (band[j] != 0 && unlined[j] != 0) {
                    flagged[y * w + x] = true;
                }
            }
        }
    }

    /** The mask without its 8-connected areas of fewer than {@code minArea} pixels. */
    private static byte[] withoutSmallAreas(byte[] half, int hw, int hh, int minArea) {
        Mat mask = Pixels.mat(hw, hh, CvType.CV_8UC1, half);
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        try {
            int n = Imgproc.connectedComponentsWithStats(mask, labels, stats, centroids, 8, CvType.CV_32S);
            int[] keep = new int[n];
            for (int c = 1; c < n; c++) {
                keep[c] = stats.get(c, Imgproc.CC_STAT_AREA)[0] >= minArea ? 1 : 0;
            }
            int[] label = new int[hw * hh];
            labels.get(0, 0, label);
            byte[] out = new byte[hw * hh];
            for (int j = 0; j < out.length; j++) {
                out[j] = (byte) keep[label[j]];
            }
            return out;
        } finally {
            mask.release();
            labels.release();
            stats.release();
            centroids.release();
        }
    }

    /** Opening, then growing by {@code grow} (none for 0), at half resolution. */
    private static byte[] morph(byte[] half, int hw, int hh, int grow) {
        Mat mask = Pixels.mat(hw, hh, CvType.CV_8UC1, half);
        Mat open = ellipse(OPENING_RADIUS);
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_OPEN, open);
        open.release();
        if (grow > 0) {
            Mat kernel = ellipse(grow);
            Imgproc.dilate(mask, mask, kernel);
            kernel.release();
        }
        byte[] out = Pixels.bytes(mask);
        mask.release();
        return out;
    }

    private static Mat ellipse(int radius) {
        return Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(2 * radius + 1, 2 * radius + 1));
    }
}
