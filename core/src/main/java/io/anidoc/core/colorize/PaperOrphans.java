package io.anidoc.core.colorize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.regions.Regions;

/**
 * Paper where the references show none. Something that enters a shot (a sleeve swung into the
 * frame, an arm the keyframe does not show) lands, through the correspondences, on the
 * reference's background, and takes the paper's color. Such a region gives itself away by its
 * outline: it is paper next to the background with only one line between them, and a line does
 * not separate paper from paper. It takes the painted color its own votes name most, where they
 * name one often enough (the flow half-sees what entered), and otherwise the color its painted
 * neighbours show most along its outline: the most plausible palette color where no reference
 * explains it. The page itself may be cut in two by a line drawn from edge to edge; every part of
 * it that runs along enough of the frame's border is background, not something on it.
 *
 * <p>Shots whose references themselves show paper-colored areas next to their background across
 * a line (white clothes against a white page) keep the paper: there, the pattern is part of the
 * design.
 */
final class PaperOrphans {

    /**
     * Smallest region repainted, as a share of the frame: smaller paper islands cost little left as
     * they are, and are more often background the segmentation cut off (between two feet at the
     * frame's edge).
     */
    static final double MIN_AREA_SHARE = 0.01;
    /**
     * Smallest paper area beside the background that makes a reference's design "paper beside paper":
     * a tenth of the above, so that a small white collar on a white page is enough.
     */
    static final double MIN_DESIGN_AREA_SHARE = MIN_AREA_SHARE / 10;
    /**
     * Smallest paper region next to the background that is flagged for a painter when no reference
     * explains it (too small to repaint, or without a painted neighbour to take a color from).
     */
    static final double MIN_UNEXPLAINED_SHARE = 0.002;
    /** Share of a paper region's votes, followed into the previous drawing, that must name one painted color. */
    static final double PERSISTING_SHARE = 0.6;
    /**
     * Share of the frame's border from which a paper region that runs along it is a part of the
     * background rather than something on it: a line drawn from edge to edge (a hat's brim, a strand of
     * hair across the page) cuts the background in two, while something that enters the frame (a
     * sleeve) crosses the border only over its own width.
     */
    static final double BACKGROUND_PART_BORDER = 1.0 / 7;
    /**
     * Share of a repainted region's own votes that a painted color needs to be taken instead of its
     * neighbours' color: the flow half-sees what entered (a hat's brim swung into the frame lands partly
     * on the brim), while its neighbours are only next to it.
     */
    static final double VOTED_SHARE = 0.25;
    /** Background pixels a region reaches across its lines that make it the background's neighbour. */
    static final int MIN_CONTACT = 24;

    private final int paper;
    private final int paletteSize;
    private final int reach;
    /** Per reference frame, its background region; empty when the rule is off for the clip. */
    private final Map<Integer, Integer> referenceBackground;

    private PaperOrphans(int paper, int paletteSize, int reach, Map<Integer, Integer> referenceBackground) {
        this.paper = paper;
        this.paletteSize = paletteSize;
        this.reach = reach;
        this.referenceBackground = referenceBackground;
    }

    /**
     * The rule for a clip: the paper is the first reference's background color; off when a reference
     * shows paper beside its background across a line.
     */
    static PaperOrphans forReferences(List<Integer> refs, List<Regions> refRegions, Map<Integer, ReferenceMap> refMaps,
                                      int paletteSize, int reach) {
        int paper = paperIndex(refRegions.get(0), refMaps.get(refs.get(0)).index(), paletteSize);
        Map<Integer, Integer> backgrounds = new HashMap<>();
        for (int k = 0; k < refs.size(); k++) {
            if (showsPaperBesideBackground(refRegions.get(k), refMaps.get(refs.get(k)).index(), paper, reach)) {
                return new PaperOrphans(paper, paletteSize, reach, Map.of());
            }
            backgrounds.put(refs.get(k), background(refRegions.get(k)));
        }
        return new PaperOrphans(paper, paletteSize, reach, backgrounds);
    }

    /**
     * Repaints a merged drawing's paper regions that no reference explains (see the class comment).
     *
     * @param fill     own-pixel palette indices, changed in place
     * @param reaching the chains that colored the drawing
     * @param choice   per region, the chain its color was taken from
     */
    boolean[] repaint(Regions regions, short[] fill, List<ChainStep> reaching, int[] choice, Supplier<int[]> boxes) {
        boolean[] unexplained = new boolean[regions.count()];
        if (!referenceBackground.isEmpty()) {
            repaint(regions, fill, paper, reach, k -> onReferenceBackground(reaching.get(choice[k]), k),
                    k -> votedColor(reaching.get(choice[k]).votes(), k), boxes, unexplained);
        }
        return unexplained;
    }

    /** Whether the region corresponds, through the chain its color was taken from, to that reference's background. */
    private boolean onReferenceBackground(ChainStep chosen, int region) {
        return chosen.sources() != null && chosen.sources().source()[region] == referenceBackground.get(chosen.reference());
    }

    /** How far apart two regions separated by one line are: the line grown on both sides, plus the line. */
    static int reach(int lineGrow, int width) {
        return 2 * lineGrow + Math.max(3, (int) Math.round(3.0 * width / 1000));
    }

    /** The paper's palette index: the color most of the reference's background has. */
    static int paperIndex(Regions reference, short[] index, int paletteSize) {
        int background = background(reference);
        int[] count = new int[paletteSize + 1];
        int[] labels = reference.labels();
        boolean[] own = reference.own();
        for (int i = 0; i < labels.length; i++) {
            if (own[i] && labels[i] == background) {
                count[Math.min(paletteSize, index[i] & 0xFFFF)]++;
            }
        }
        int best = 0;
        for (int c = 1; c < paletteSize; c++) {
            if (count[c] > count[best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * A region the rule above repainted in the previous drawing keeps its color while it persists:
     * a paper region of this drawing (at least {@link #MIN_AREA_SHARE} of the frame, corresponding
     * to the reference's background) whose pixels, followed into the previous drawing, land for at
     * least {@link #PERSISTING_SHARE} of their votes on one painted color takes that color. The
     * outline test can miss a region the previous drawing's rule caught (the background split in
     * two by the character, the sleeve then bordering the smaller part).
     *
     * @param previous lookups into the previous drawing's final fill; null for none
     * @return the regions repainted
     */
    List<Integer> persist(Regions regions, short[] fill, VoteSource previous, VoteGrid grid, List<ChainStep> reaching, int[] choice) {
        List<Integer> repainted = new ArrayList<>();
        if (referenceBackground.isEmpty() || previous == null) {
            return repainted;
        }
        int count = regions.count();
        int[] labels = regions.labels();
        boolean[] isPaper = paperRegions(regions, fill, paper);
        int[] area = regions.area();
        double minArea = MIN_AREA_SHARE * labels.length;
        RegionVotes votes = null;
        for (int k = 0; k < count; k++) {
            if (!isPaper[k] || area[k] < minArea) {
                continue;
            }
            if (!onReferenceBackground(reaching.get(choice[k]), k)) {
                continue;
            }
            if (votes == null) {
                votes = new RegionVotes(count, paletteSize);
                previous.addTo(votes, regions, grid);
            }
            double total = votes.total(k);
            int best = -1;
            for (int c = 0; c < paletteSize; c++) {
                if (c != paper && (best < 0 || votes.get(k, c) > votes.get(k, best))) {
                    best = c;
                }
            }
            if (best < 0 || total <= 0 || votes.get(k, best) < PERSISTING_SHARE * total) {
                continue;
            }
            paint(regions, fill, k, best);
            repainted.add(k);
        }
        return repainted;
    }

    /** The painted color the region's votes name most, when it holds at least a set share of them; else -1. */
    private int votedColor(RegionVotes votes, int region) {
        double total = votes.total(region);
        int best = -1;
        for (int c = 0; c < paletteSize; c++) {
            if (c != paper && (best < 0 || votes.get(region, c) > votes.get(region, best))) {
                best = c;
            }
        }
        return best >= 0 && total > 0 && votes.get(region, best) >= VOTED_SHARE * total ? best : -1;
    }

    /** True when the fill shows paper next to its background across one line (see the class comment). */
    static boolean showsPaperBesideBackground(Regions regions, short[] fill, int paper, int reach) {
        return !orphans(regions, fill, paper, reach, k -> true, () -> LeakSplitter.boundingBoxes(regions),
                MIN_DESIGN_AREA_SHARE).isEmpty();
    }

    /**
     * Repaints the paper regions next to the background with their painted neighbours' color.
     *
     * @param fill    own-pixel palette indices, changed in place
     * @param onReferenceBackground per region, whether it corresponds to the reference's background
     *                              (its largest region)
     * @param unexplained per region, set for every paper region the rule finds from
     *                    {@link #MIN_UNEXPLAINED_SHARE} of the frame on, repainted or not: no reference explains it
     * @return the regions repainted
     */
    static List<Integer> repaint(Regions regions, short[] fill, int paper, int reach, IntPredicate onReferenceBackground,
                                 IntUnaryOperator votedColor, Supplier<int[]> boxes, boolean[] unexplained) {
        List<Integer> repainted = new ArrayList<>();
        double minArea = MIN_AREA_SHARE * regions.labels().length;
        for (Orphan orphan : orphans(regions, fill, paper, reach, onReferenceBackground, boxes, MIN_UNEXPLAINED_SHARE)) {
            int color = -1;
            if (regions.area()[orphan.region()] >= minArea) {
                int voted = votedColor.applyAsInt(orphan.region());
                color = voted >= 0 ? voted : orphan.neighbourColor(regions, fill, paper);
            }
            unexplained[orphan.region()] = true;
            if (color < 0) {
                continue;
            }
            paint(regions, fill, orphan.region(), color);
            repainted.add(orphan.region());
        }
        return repainted;
    }

    /**
     * Paper regions, other than the background (the largest paper region, and every paper region along
     * at least {@link #BACKGROUND_PART_BORDER} of the frame's border), within one line of it and
     * corresponding to the reference's background: a paper area that the reference shows apart from
     * its background (a corner the hair cuts off) corresponds to that area instead, and stays paper.
     */
    private static List<Orphan> orphans(Regions regions, short[] fill, int paper, int reach, IntPredicate onReferenceBackground,
                                        Supplier<int[]> boxes, double minAreaShare) {
        int count = regions.count();
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        boolean[] isPaper = paperRegions(regions, fill, paper);
        int[] area = regions.area();
        int background = -1;
        for (int k = 0; k < count; k++) {
            if (isPaper[k] && (background < 0 || area[k] > area[background])) {
                background = k;
            }
        }
        List<Orphan> orphans = new ArrayList<>();
        if (background < 0) {
            return orphans;
        }
        boolean[] backgroundPart = new boolean[count];
        backgroundPart[background] = true;
        int[] edge = edgePixels(regions);
        int border = 2 * (regions.width() + regions.height()) - 4;
        for (int k = 0; k < count; k++) {
            if (isPaper[k] && edge[k] >= BACKGROUND_PART_BORDER * border) {
                backgroundPart[k] = true;
            }
        }
        double minArea = minAreaShare * labels.length;
        for (int k = 0; k < count; k++) {
            if (backgroundPart[k] || !isPaper[k] || area[k] < minArea || !onReferenceBackground.test(k)) {
                continue;
            }
            Orphan candidate = Orphan.grow(regions, k, boxes.get(), reach);
            if (candidate.reached(regions, backgroundPart) >= MIN_CONTACT) {
                orphans.add(candidate);
            }
        }
        return orphans;
    }

    /**
     * A region and what it reaches across its lines: its own pixels grown by up to {@code reach}
     * pixels through ink only, then by one more pixel, never across a thin region (a leg between two
     * background areas); within the region's box widened by the reach.
     */
    private record Orphan(int region, int x0, int y0, int boxWidth, int boxHeight, byte[] near) {

        static Orphan grow(Regions regions, int region, int[] boxes, int reach) {
            int w = regions.width();
            int h = regions.height();
            int x0 = Math.max(0, boxes[4 * region] - reach - 1);
            int y0 = Math.max(0, boxes[4 * region + 1] - reach - 1);
            int x1 = Math.min(w - 1, boxes[4 * region + 2] + reach + 1);
            int y1 = Math.min(h - 1, boxes[4 * region + 3] + reach + 1);
            int bw = x1 - x0 + 1;
            int bh = y1 - y0 + 1;
            int[] labels = regions.labels();
            boolean[] own = regions.own();
            byte[] seed = new byte[bw * bh];
            byte[] inkBytes = new byte[bw * bh];
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    int i = y * w + x;
                    int j = (y - y0) * bw + (x - x0);
                    if (own[i] && labels[i] == region) {
                        seed[j] = 1;
                    }
                    if (!own[i]) {
                        inkBytes[j] = 1;
                    }
                }
            }
            Mat grown = new Mat(bh, bw, CvType.CV_8UC1);
            Mat ink = new Mat(bh, bw, CvType.CV_8UC1);
            Mat step = new Mat();
            Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
            try {
                grown.put(0, 0, seed);
                ink.put(0, 0, inkBytes);
                for (int r = 0; r < reach; r++) {
                    Imgproc.dilate(grown, step, kernel);
                    Core.bitwise_and(step, ink, step);
                    Core.bitwise_or(grown, step, grown);
                }
                Imgproc.dilate(grown, step, kernel);
                step.get(0, 0, seed);
                return new Orphan(region, x0, y0, bw, bh, seed);
            } finally {
                grown.release();
                ink.release();
                step.release();
                kernel.release();
            }
        }

        /** Own pixels of the regions marked in {@code others} the region reaches. */
        int reached(Regions regions, boolean[] others) {
            int w = regions.width();
            int[] labels = regions.labels();
            boolean[] own = regions.own();
            int count = 0;
            for (int j = 0; j < near.length; j++) {
                int i = (y0 + j / boxWidth) * w + x0 + j % boxWidth;
                if (near[j] != 0 && own[i] && others[labels[i]]) {
                    count++;
                }
            }
            return count;
        }

        /** The painted (not paper) color most reached pixels of other regions show; -1 when there are none. */
        int neighbourColor(Regions regions, short[] fill, int paper) {
            int w = regions.width();
            int[] labels = regions.labels();
            boolean[] own = regions.own();
            int[] tally = new int[Palette.NONE + 1];
            for (int j = 0; j < near.length; j++) {
                int i = (y0 + j / boxWidth) * w + x0 + j % boxWidth;
                if (near[j] != 0 && own[i] && labels[i] != region && fill[i] != paper) {
                    tally[fill[i] & 0xFFFF]++;
                }
            }
            int best = -1;
            for (int c = 0; c < Palette.NONE; c++) {
                if (tally[c] > 0 && (best < 0 || tally[c] > tally[best])) {
                    best = c;
                }
            }
            return best;
        }
    }

    /** Paints the region's own pixels one color. */
    private static void paint(Regions regions, short[] fill, int region, int color) {
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        for (int i = 0; i < labels.length; i++) {
            if (own[i] && labels[i] == region) {
                fill[i] = (short) color;
            }
        }
    }

    /** Per region: most of its own pixels are painted the paper's color. */
    private static boolean[] paperRegions(Regions regions, short[] fill, int paper) {
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        int[] paperPixels = new int[regions.count()];
        for (int i = 0; i < labels.length; i++) {
            if (own[i] && fill[i] == paper) {
                paperPixels[labels[i]]++;
            }
        }
        boolean[] isPaper = new boolean[regions.count()];
        for (int k = 0; k < isPaper.length; k++) {
            isPaper[k] = 2 * paperPixels[k] > regions.area()[k];
        }
        return isPaper;
    }

    /**
     * A reference's background: the region with the most pixels on the frame's edge (the largest
     * region can be a face in a close-up; the page around a character reaches the edge most).
     */
    static int background(Regions reference) {
        int[] edge = edgePixels(reference);
        int best = 0;
        for (int k = 1; k < edge.length; k++) {
            if (edge[k] > edge[best] || (edge[k] == edge[best] && reference.area()[k] > reference.area()[best])) {
                best = k;
            }
        }
        return best;
    }

    /** Per region, its own pixels on the frame's edge. */
    private static int[] edgePixels(Regions reference) {
        int w = reference.width();
        int h = reference.height();
        int[] labels = reference.labels();
        boolean[] own = reference.own();
        int[] edge = new int[reference.count()];
        for (int x = 0; x < w; x++) {
            for (int i : new int[] {x, (h - 1) * w + x}) {
                if (own[i]) {
                    edge[labels[i]]++;
                }
            }
        }
        for (int y = 1; y < h - 1; y++) {
            for (int i : new int[] {y * w, y * w + w - 1}) {
                if (own[i]) {
                    edge[labels[i]]++;
                }
            }
        }
        return edge;
    }
}
