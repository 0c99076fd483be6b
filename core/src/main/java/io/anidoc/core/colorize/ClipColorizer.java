package io.anidoc.core.colorize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.opencv.core.Mat;

import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.flow.FlowField;
import io.anidoc.core.image.OpenCv;
import io.anidoc.core.lineart.LineArt;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.match.PairMatches;
import io.anidoc.core.regions.RegionSegmenter;
import io.anidoc.core.regions.RegionSettings;
import io.anidoc.core.regions.Regions;

/**
 * Paint-bucket colorization of a clip. Every closed region of every drawing takes the palette color
 * that wins a confidence-weighted vote: each of its pixels looks up the references through the
 * dense correspondences (nearer references weigh more), the already colorized neighbouring drawing
 * adds a vote for temporal consistency, and sparse keypoint matches add local votes. A region whose
 * votes disagree strongly (a fill that leaked through a gap in a line) is split along its lines with
 * wider gap closing instead of being painted with the majority ({@link LeakSplitter}). Main lines are multiplied over the
 * fill; trace lines and ink take the fill of their nearest region.
 *
 * <p>The palette is the set of exact flat fill colors of the references; reference regions that are
 * not flat paint (shaded or video frames) add their median color ({@link ReferenceSet}).
 *
 * <p>Output: every reference (passed through) and every drawing, in frame order.
 */
public final class ClipColorizer {
    private final ColorizeSettings settings;
    private final RegionSettings regionSettings;
    private final RegionSegmenter segmenter;

    public ClipColorizer(ColorizeSettings settings, RegionSettings regionSettings) {
        this.settings = settings;
        this.regionSettings = regionSettings;
        this.segmenter = new RegionSegmenter(regionSettings);
    }

    public List<ColorizedFrame> colorize(ClipFrames clip, ClipMatches matches, DenseCorrespondence dense) {
        return colorize(clip, matches, dense, ColorHints.none());
    }

    /**
     * As {@link #colorize(ClipFrames, ClipMatches, DenseCorrespondence)}, with proposed colors of
     * the drawings as one more vote source (see {@link ColorHints}).
     */
    public List<ColorizedFrame> colorize(ClipFrames clip, ClipMatches matches, DenseCorrespondence dense, ColorHints hints) {
        OpenCv.load();
        if (hints == null) {
            throw new IllegalArgumentException("hints must not be null (use ColorHints.none())");
        }
        List<Integer> refs = clip.references();
        LineArt firstArt = clip.lineArt().get(clip.allFrames().get(0));
        int w = firstArt.width();
        int h = firstArt.height();
        for (int f : clip.allFrames()) {
            LineArt art = clip.lineArt().get(f);
            Mat color = clip.referenceColors().get(f);
            if (art.width() != w || art.height() != h || (color != null && (color.cols() != w || color.rows() != h))) {
                throw new IllegalArgumentException("frame " + f + " does not have the clip size " + w + "x" + h);
            }
        }
        for (Map.Entry<Integer, Mat> hint : hints.colorsByFrame().entrySet()) {
            if (hint.getValue().cols() != w || hint.getValue().rows() != h) {
                throw new IllegalArgumentException("hint colors of frame " + hint.getKey() + " are "
                        + hint.getValue().cols() + "x" + hint.getValue().rows() + ", the clip is " + w + "x" + h);
            }
        }
        if (dense != null && (dense.width() != w || dense.height() != h)) {
            throw new IllegalArgumentException("dense correspondence is for " + dense.width() + "x" + dense.height()
                    + " frames, the clip is " + w + "x" + h);
        }
        List<Mat> refColors = new ArrayList<>();
        List<LineArt> refArts = new ArrayList<>();
        for (int r : refs) {
            refColors.add(clip.referenceColors().get(r));
            refArts.add(clip.lineArt().get(r));
        }
        List<Regions> refRegions = new ArrayList<>();
        for (LineArt art : refArts) {
            refRegions.add(segmenter.segment(art));
        }
        ReferenceSet.Result references = ReferenceSet.build(refs, refColors, refArts, refRegions, settings);
        Palette palette = references.palette();
        Map<Integer, ReferenceMap> refMaps = references.maps();
        Map<Integer, short[]> indexImages = new HashMap<>();
        TreeMap<Integer, ColorizedFrame> out = new TreeMap<>();
        for (int r : refs) {
            ReferenceMap map = refMaps.get(r);
            indexImages.put(r, map.index());
            out.put(r, passThrough(r, clip.referenceColors().get(r), clip.lineArt().get(r), map, palette));
        }

        for (int d : processingOrder(clip.drawings(), refs)) {
            Integer previous = temporalNeighbour(d, clip.drawings(), refs);
            short[] fill = colorizeDrawing(d, clip.lineArt().get(d), refs, refMaps, indexImages, previous,
                    palette, matches, dense, hints);
            indexImages.put(d, fill);
            out.put(d, Compositor.compose(d, w, h, fill, palette, clip.lineArt().get(d).mainAlphaBytes()));
        }
        return new ArrayList<>(out.values());
    }

    private short[] colorizeDrawing(int d, LineArt art, List<Integer> refs, Map<Integer, ReferenceMap> refMaps,
                                    Map<Integer, short[]> indexImages, Integer previous,
                                    Palette palette, ClipMatches matches, DenseCorrespondence dense,
                                    ColorHints hints) {
        Regions regions = segmenter.segment(art);
        int w = art.width();
        int h = art.height();
        int n = w * h;
        double[] refWeight = referenceWeights(d, refs);
        List<VoteSource> sources = new ArrayList<>();
        for (int k = 0; k < refs.size(); k++) {
            FlowField field = dense == null ? null : dense.field(d, refs.get(k));
            if (field != null) {
                sources.add(VoteSource.of(field, w, h, indexImages.get(refs.get(k)), refWeight[k], settings.voteFloor()));
            }
        }
        if (previous != null && dense != null) {
            FlowField field = dense.field(d, previous);
            if (field != null) {
                sources.add(VoteSource.of(field, w, h, indexImages.get(previous), settings.temporalWeight(),
                        settings.voteFloor()));
            }
        }
        Mat hint = hints.colors(d);
        if (hint != null && hints.weight() > 0) {
            sources.add(VoteSource.ofColors(hint, palette, hints.weight()));
        }
        RegionVotes votes = new RegionVotes(regions.count(), palette.size());
        for (VoteSource s : sources) {
            votes.addDense(regions, s.index(), s.weight());
        }
        if (matches != null) {
            for (int k = 0; k < refs.size(); k++) {
                PairMatches pair = matches.between(refs.get(k), d);
                if (pair != null && !pair.isEmpty()) {
                    votes.addMatches(regions, pair, refMaps.get(refs.get(k)), refWeight[k] * settings.matchWeight(),
                            settings.matchRadius());
                }
            }
        }
        if (sources.isEmpty() && votes.isEmpty()) {
            // no correspondence at all: the nearest reference seen in place
            FieldlessFallback.addIdentityVotes(votes, regions, refMaps.get(nearest(d, refs)));
        }
        short[] fill = new short[n];
        int[] color = votes.winners();
        boolean[] split = LeakSplitter.suspects(votes, regions, settings, n);
        for (int i = 0; i < n; i++) {
            if (regions.own()[i]) {
                fill[i] = (short) color[regions.labels()[i]];
            }
        }
        LeakSplitter.split(split, regions, sources, palette.size(), regionSettings.lineGrow(w),
                regionSettings.gapCloseDiameter(w), settings, fill);
        int[] nearestOwn = regions.nearestOwn();
        for (int i = 0; i < n; i++) {
            if (!regions.own()[i]) {
                fill[i] = fill[nearestOwn[i]];
            }
        }
        return fill;
    }

    private static ColorizedFrame passThrough(int r, Mat bgr, LineArt art, ReferenceMap map, Palette palette) {
        ColorizedFrame composed = Compositor.compose(r, map.width(), map.height(), map.index(), palette, art.mainAlphaBytes());
        composed.color().release();
        return new ColorizedFrame(r, bgr.clone(), composed.lines(), composed.fill(), true);
    }

    /** Inverse temporal distance, normalized to sum 1. */
    static double[] referenceWeights(int d, List<Integer> refs) {
        double[] w = new double[refs.size()];
        double sum = 0;
        for (int k = 0; k < refs.size(); k++) {
            w[k] = 1.0 / Math.max(1, Math.abs(d - refs.get(k)));
            sum += w[k];
        }
        for (int k = 0; k < w.length; k++) {
            w[k] /= sum;
        }
        return w;
    }

    /** Drawings nearest a reference first, so each drawing's neighbour towards its reference is done before it. */
    static List<Integer> processingOrder(List<Integer> drawings, List<Integer> refs) {
        List<Integer> order = new ArrayList<>(drawings);
        order.sort(Comparator.<Integer>comparingInt(d -> Math.abs(d - nearest(d, refs))).thenComparingInt(d -> d));
        return order;
    }

    /** The adjacent drawing on the side of the nearest reference, or null when that neighbour is the reference. */
    static Integer temporalNeighbour(int d, List<Integer> drawings, List<Integer> refs) {
        int r = nearest(d, refs);
        int step = r < d ? -1 : 1;
        int candidate = d + step;
        return drawings.contains(candidate) && candidate != r ? candidate : null;
    }

    static int nearest(int d, List<Integer> refs) {
        int best = refs.get(0);
        for (int r : refs) {
            if (Math.abs(d - r) < Math.abs(d - best)) {
                best = r;
            }
        }
        return best;
    }
}
