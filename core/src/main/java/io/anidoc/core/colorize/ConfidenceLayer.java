package io.anidoc.core.colorize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.opencv.core.CvType;

import io.anidoc.core.image.Pixels;
import io.anidoc.core.regions.Regions;

/**
 * Builds a drawing's {@link FrameConfidence}. The unit is a painted part: the pixels of one region
 * painted one color (a region split as a leak has several). A part starts from its region's
 * confidence (how much the votes agree, lowered where the two chains disagree) and is lowered further
 * where mistakes are known to gather:
 * <ul>
 *   <li>colors whose share of the drawing exceeds their share of the references by more than
 *       {@link #COLOR_BALANCE}x (a color that spreads that much was usually given to wrong regions:
 *       a sleeve painted as paper, two neighbouring fills swapped); a color that shrinks as much is
 *       not lowered, since its own regions are not where the mistake lies;</li>
 *   <li>regions that do not land whole in one region of the reference (below {@link #COHERENT} of
 *       their pixels in the same one) or land in one more than {@link #AREA_CHANGE}x larger or
 *       smaller: their correspondence followed something that changed shape or is not there (not
 *       asked of regions over {@link #SHAPELESS_AREA} of the frame: the paper around a character,
 *       merged through gaps with half of it, has no shape to compare);</li>
 *   <li>the pixels whose own direct correspondence names another color ({@link Dissent}): they
 *       form parts of their own, outvoted yet seen (an eye's white open to the face).</li>
 * </ul>
 */
final class ConfidenceLayer {
    static final double COLOR_BALANCE = 1.6;
    private static final double UNBALANCED_COLOR = 0.5;
    /** Colors below this share of both the drawing and the references are too small to compare. */
    private static final double MIN_COMPARED_SHARE = 0.001;
    static final double COHERENT = 0.7;
    static final double AREA_CHANGE = 3.0;
    static final double SHAPELESS_AREA = 0.2;
    private static final double CHANGED_SHAPE = 0.5;
    private static final double DISSENTING = 0.25;
    private static final double UNEXPLAINED = 0.25;

    private ConfidenceLayer() {
    }

    /**
     * @param referenceShare share of each palette color over the clip's references
     * @param fill           the drawing's palette index per pixel (ink pixels carry their region's)
     * @param dissent        per pixel: its direct correspondence disagrees with its paint ({@link Dissent})
     * @param blends         the fills each reference's regions hold, by reference frame (a reference
     *                       missing from it is taken to hold one fill per region)
     */
    static FrameConfidence of(Regions regions, ChainStep.Merged merged, List<ChainStep> chains, short[] fill,
                              boolean[] dissent, boolean[] unexplained, Palette palette, double[] referenceShare,
                              Map<Integer, ReferenceBlends> blends) {
        int w = regions.width();
        int h = regions.height();
        int n = w * h;
        int colors = palette.size();
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        double[] colorFactor = colorFactors(fill, referenceShare, colors);
        // parts indexed by (region * colors + color) * 2 + dissent: a few thousand slots, no per-pixel hashing
        Part[] parts = new Part[regions.count() * colors * 2];
        byte[] layer = new byte[n];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            int x = 0;
            // a row is runs of one part: each run is looked up, counted and painted at once
            while (x < w) {
                int i = row + x;
                int k = labels[i];
                short c = fill[i];
                boolean dissenting = dissent[i];
                int end = x + 1;
                while (end < w && labels[row + end] == k && fill[row + end] == c && dissent[row + end] == dissenting) {
                    end++;
                }
                int slot = (k * colors + c) * 2 + (dissenting ? 1 : 0);
                Part part = parts[slot];
                if (part == null) {
                    part = new Part(k, c, partConfidence(regions, merged, chains, blends, k, colorFactor[c], dissenting,
                            unexplained[k], n));
                    parts[slot] = part;
                }
                part.pixels += end - x;
                part.addOwnRun(own, row, x, end, y);
                Arrays.fill(layer, i, row + end, (byte) part.confidence);
                x = end;
            }
        }
        long uncertainPixels = 0;
        for (Part p : parts) {
            if (p != null && p.confidence < FrameConfidence.UNCERTAIN_BELOW) {
                uncertainPixels += p.pixels;
            }
        }
        List<UncertainRegion> uncertain = new ArrayList<>();
        for (Part p : parts) {
            if (p == null || p.confidence >= FrameConfidence.UNCERTAIN_BELOW || p.ownPixels == 0) {
                continue;
            }
            List<Integer> candidates = new ArrayList<>();
            for (int c : ChainStep.candidates(chains, p.region, p.color)) {
                candidates.add(palette.color(c));
            }
            uncertain.add(new UncertainRegion(p.x0, p.y0, p.x1 - p.x0 + 1, p.y1 - p.y0 + 1, p.ownPixels, p.confidence,
                    palette.color(p.color), candidates));
        }
        // largest first: what a painter looks at first
        uncertain.sort((a, b) -> a.area() != b.area() ? Integer.compare(b.area(), a.area())
                : a.y() != b.y() ? Integer.compare(a.y(), b.y()) : Integer.compare(a.x(), b.x()));
        return new FrameConfidence(Pixels.mat(w, h, CvType.CV_8UC1, layer), (double) uncertainPixels / n, uncertain);
    }

    private static int partConfidence(Regions regions, ChainStep.Merged merged, List<ChainStep> chains,
                                      Map<Integer, ReferenceBlends> blends, int region, double colorFactor,
                                      boolean dissenting, boolean isUnexplained, int pixels) {
        double value = merged.confidence()[region] / 255.0 * colorFactor;
        if (regions.area()[region] <= SHAPELESS_AREA * pixels) {
            ChainStep chosen = chains.get(merged.choice()[region]);
            value *= shapeFactor(chosen.sources(), blends.get(chosen.reference()), region);
        }
        if (dissenting) {
            value *= DISSENTING;
        }
        if (isUnexplained) {
            value *= UNEXPLAINED;
        }
        return (int) Math.round(255 * Math.max(0, Math.min(1, value)));
    }

    /** Share of each palette index over one or more index images. */
    static double[] shares(List<short[]> images, int colors) {
        long[] count = new long[colors];
        long total = 0;
        for (short[] image : images) {
            for (short v : image) {
                count[v & 0xffff]++;
            }
            total += image.length;
        }
        double[] share = new double[colors];
        for (int c = 0; c < colors; c++) {
            share[c] = (double) count[c] / Math.max(1, total);
        }
        return share;
    }

    private static double[] colorFactors(short[] fill, double[] referenceShare, int colors) {
        double[] drawing = shares(List.of(fill), colors);
        double[] factor = new double[colors];
        for (int c = 0; c < colors; c++) {
            factor[c] = 1.0;
            if (Math.max(drawing[c], referenceShare[c]) < MIN_COMPARED_SHARE) {
                continue;
            }
            double ratio = (drawing[c] + 1e-6) / (referenceShare[c] + 1e-6);
            // only a color that spreads: the regions that took it hold the mistake; where a color
            // shrinks, the mistake lies in the regions that should have taken it, painted another color
            if (ratio > COLOR_BALANCE) {
                factor[c] = UNBALANCED_COLOR;
            }
        }
        return factor;
    }

    /**
     * Lower for a region that lands across several reference regions or in one of another size (not
     * for being smaller than a reference region that holds several fills).
     */
    private static double shapeFactor(SourceRegions sources, ReferenceBlends blends, int region) {
        if (sources == null || sources.source()[region] < 0) {
            return 1.0;
        }
        double factor = 1.0;
        if (sources.coherence()[region] < COHERENT) {
            factor *= CHANGED_SHAPE;
        }
        float ratio = sources.areaRatio()[region];
        boolean smaller = ratio < 1 / AREA_CHANGE && (blends == null || !blends.holdsSeveral(sources.source()[region]));
        if (ratio > AREA_CHANGE || smaller) {
            factor *= CHANGED_SHAPE;
        }
        return factor;
    }

    /** One region's pixels of one color (its dissenting pixels apart). */
    private static final class Part {
        final int region;
        final int color;
        final int confidence;
        int ownPixels;
        long pixels;
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;

        Part(int region, int color, int confidence) {
            this.region = region;
            this.color = color;
            this.confidence = confidence;
        }

        /**
         * The own pixels of one run of a row (columns from to end, exclusive). Scan order: the first own
         * pixel sets the top row, every later one the bottom row.
         */
        void addOwnRun(boolean[] own, int row, int from, int end, int y) {
            int first = -1;
            int last = -1;
            int count = 0;
            for (int x = from; x < end; x++) {
                if (own[row + x]) {
                    if (first < 0) {
                        first = x;
                    }
                    last = x;
                    count++;
                }
            }
            if (count == 0) {
                return;
            }
            if (ownPixels == 0) {
                y0 = y;
            }
            ownPixels += count;
            y1 = y;
            x0 = Math.min(x0, first);
            x1 = Math.max(x1, last);
        }
    }
}
