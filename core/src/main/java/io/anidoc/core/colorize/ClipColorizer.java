package io.anidoc.core.colorize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;

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
 * <p>Memory: the chains run backwards first and forwards last, so a drawing is merged, painted and
 * its regions and chain steps let go as soon as the forward chain has passed it; a clip whose
 * drawings' regions would not fit a quarter of the heap segments a drawing again rather than keep it
 * ({@link DrawingRegions}). Neither changes a pixel.
 *
 * <p>Output: every reference (passed through) and every drawing, as a list in frame order or handed
 * on one at a time as each is finished.
 */
public final class ClipColorizer {
    private final ColorizeSettings settings;
    private final RegionSettings regionSettings;
    private final RegionSegmenter segmenter;

    /** Whether a clip of this many drawings of this many pixels keeps its drawings' regions between chain steps. */
    private final BiPredicate<Integer, Long> keepsRegions;

    public ClipColorizer(ColorizeSettings settings, RegionSettings regionSettings) {
        this(settings, regionSettings, (drawings, pixels) -> keepsRegions(drawings, pixels, Runtime.getRuntime().maxMemory()));
    }

    ClipColorizer(ColorizeSettings settings, RegionSettings regionSettings, BiPredicate<Integer, Long> keepsRegions) {
        this.settings = settings;
        this.regionSettings = regionSettings;
        this.segmenter = new RegionSegmenter(regionSettings);
        this.keepsRegions = keepsRegions;
    }

    public List<ColorizedFrame> colorize(ClipFrames clip, ClipMatches matches, DenseCorrespondence dense) {
        return colorize(clip, matches, dense, ColorHints.none());
    }

    /**
     * As {@link #colorize(ClipFrames, ClipMatches, DenseCorrespondence)}, with proposed colors of
     * the drawings as one more vote source (see {@link ColorHints}).
     */
    public List<ColorizedFrame> colorize(ClipFrames clip, ClipMatches matches, DenseCorrespondence dense, ColorHints hints) {
        List<ColorizedFrame> out = new ArrayList<>();
        colorize(clip, matches, dense, hints, out::add);
        out.sort(Comparator.comparingInt(ColorizedFrame::frame));
        return out;
    }

    /**
     * As {@link #colorize(ClipFrames, ClipMatches, DenseCorrespondence, ColorHints)}, handing each frame
     * to {@code each} as soon as it is finished (the references first, then the drawings as the forward
     * chains pass them), so that a caller that stores and releases it holds one frame's layers at a time
     * rather than the clip's. {@code each} owns the frames it is handed.
     */
    public void colorize(ClipFrames clip, ClipMatches matches, DenseCorrespondence dense, ColorHints hints,
                         Consumer<ColorizedFrame> each) {
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
        Map<Integer, Regions> regionsOfReference = new HashMap<>();
        Map<Integer, short[]> labelTargets = new HashMap<>();
        for (int k = 0; k < refs.size(); k++) {
            Regions regions = segmenter.segment(refArts.get(k));
            refRegions.add(regions);
            regionsOfReference.put(refs.get(k), regions);
            labelTargets.put(refs.get(k), SourceRegions.labelTarget(regions));
        }
        ReferenceSet.Result references = ReferenceSet.build(refs, refColors, refArts, refRegions, settings);
        Palette palette = references.palette();
        Map<Integer, ReferenceMap> refMaps = references.maps();
        // the fills each reference region holds: where lines leave two unseparated (dissent, confidence)
        Map<Integer, ReferenceBlends> blends = new HashMap<>();
        for (int r : refs) {
            blends.put(r, ReferenceBlends.of(regionsOfReference.get(r), refMaps.get(r).index(), palette.size()));
        }
        for (int r : refs) {
            ReferenceMap map = refMaps.get(r);
            each.accept(passThrough(r, clip.referenceColors().get(r), clip.lineArt().get(r), map, palette));
        }

        // a clip keeps each drawing's regions from its first chain step to its merge unless all of them
        // would take more than a quarter of the heap; then they are segmented again when needed (the
        // same regions: segmentation is deterministic), so a long 4K clip fits a bounded heap
        DrawingRegions drawingRegions = new DrawingRegions(clip, segmenter, settings.voteStride(), settings.sparseVoteSamples(),
                keepsRegions.test(clip.drawings().size(), (long) w * h));
        // both chains of a drawing split leaks in the same regions, and the paper rule grows its regions
        // in the same boxes: they are found once per drawing, when first asked
        Map<Integer, int[]> regionBoxes = new HashMap<>();
        // every reference colors the drawings on each of its sides, one after the other, each drawing
        // seen through its direct correspondence with the reference and through its already colored
        // neighbour on the reference's side; the two chains that reach a drawing are merged per region
        List<short[]> referenceIndex = new ArrayList<>();
        refs.forEach(r -> referenceIndex.add(refMaps.get(r).index()));
        double[] referenceShare = ConfidenceLayer.shares(referenceIndex, palette.size());
        PaperOrphans orphans = PaperOrphans.forReferences(refs, refRegions, refMaps, palette.size(),
                PaperOrphans.reach(regionSettings.lineGrow(w), w));
        List<ChainRun> runs = new ArrayList<>();
        for (int k = 0; k < refs.size(); k++) {
            int r = refs.get(k);
            Integer before = k > 0 ? refs.get(k - 1) : null;
            Integer after = k + 1 < refs.size() ? refs.get(k + 1) : null;
            for (int step : new int[] {+1, -1}) {
                runs.add(new ChainRun(r, chainOrder(clip.drawings(), r, step, step > 0 ? after : before)));
            }
        }
        // the chains run backwards first and forwards last, so that a drawing is merged, painted and let
        // go as soon as the forward chain has passed it (in frame order, as its paint persists into the next)
        List<ChainRun> backwardsFirst = runs.stream().sorted(Comparator.comparing(run -> !run.backwards())).toList();
        Finisher finisher = new Finisher(clip.drawings(), runs);
        ObjIntConsumer<List<ChainStep>> finish = (reaching, d) -> finish(d, reaching, drawingRegions, regionBoxes, orphans,
                dense, refMaps, labelTargets, blends, palette, referenceShare, clip, finisher, each);
        for (ChainRun run : backwardsFirst) {
            int r = run.reference();
            short[] previous = refMaps.get(r).index();
            byte[] previousCertainty = null;
            Integer previousFrame = null;
            for (int d : run.order()) {
                Regions regions = drawingRegions.get(d);
                ChainStep result = colorizeStep(d, regions, drawingRegions.grid(d), () -> drawingRegions.landingGrid(d),
                        boxesOf(regionBoxes, d, regions), r,
                        refMaps.get(r), previousFrame, previous, previousCertainty, palette, matches, dense, hints, regionsOfReference.get(r),
                        labelTargets.get(r));
                finisher.add(run, d, result);
                previous = result.fill().clone();
                regions.fillInk(previous);
                // how sure the chain was of each region: its color passes on to the next drawing in that measure
                previousCertainty = settings.temporalCertaintyPower() > 0
                        ? result.certainty(regions, settings.temporalCertaintyPower()) : null;
                previousFrame = d;
                drawingRegions.stepped(d, run.backwards());
                if (!run.backwards()) {
                    finisher.finishReady(finish);
                }
            }
        }
        finisher.finishReady(finish);
    }

    /**
     * Merges a drawing's chains and paints it: the paper rule, persistence from the drawing before it,
     * dissent, composition and confidence. Then lets its regions go.
     */
    private void finish(int d, List<ChainStep> reaching, DrawingRegions drawingRegions, Map<Integer, int[]> regionBoxes,
                        PaperOrphans orphans, DenseCorrespondence dense,
                        Map<Integer, ReferenceMap> refMaps, Map<Integer, short[]> labelTargets,
                        Map<Integer, ReferenceBlends> blends, Palette palette, double[] referenceShare, ClipFrames clip,
                        Finisher finisher, Consumer<ColorizedFrame> out) {
        Regions regions = drawingRegions.get(d);
        int w = regions.width();
        int h = regions.height();
        ChainStep.Merged merged = ChainStep.merge(reaching, regions);
        short[] fill = merged.fill();
        boolean[] unexplained = orphans.repaint(regions, fill, reaching, merged.choice(), boxesOf(regionBoxes, d, regions));
        Integer previousDrawing = finisher.previousDrawing();
        if (previousDrawing != null && dense != null) {
            FlowField back = dense.field(d, previousDrawing);
            if (back != null) {
                for (int k : orphans.persist(regions, fill, VoteSource.of(back, w, h, finisher.previousFill(), 1.0,
                        settings.voteFloor()), drawingRegions.grid(d), reaching, merged.choice())) {
                    unexplained[k] = true;
                }
            }
        }
        regions.fillInk(fill);
        finisher.finished(d, fill);
        List<Dissent.Lookup> lookups = new ArrayList<>();
        for (ChainStep step : reaching) {
            int r = step.reference();
            FlowField direct = dense == null ? null : dense.field(d, r);
            lookups.add(direct == null ? null : new Dissent.Lookup(VoteSource.of(direct, w, h, refMaps.get(r).index(), 1.0, 0.0),
                    VoteSource.of(direct, w, h, labelTargets.get(r), 1.0, 0.0),
                    blends.get(r)));
        }
        Dissent dissent = Dissent.findAndRepaint(regions, merged.choice(), lookups, fill);
        ColorizedFrame frame = Compositor.compose(d, w, h, fill, palette, clip.lineArt().get(d).mainAlpha());
        out.accept(frame.withConfidence(ConfidenceLayer.of(regions, merged, reaching, fill, dissent.flagged(), unexplained,
                palette, referenceShare, blends)));
        drawingRegions.release(d);
        regionBoxes.remove(d);
    }

    /**
     * Whether a clip's drawings keep their regions between chain steps (see {@link DrawingRegions}): when
     * all of them take at most a quarter of the heap.
     */
    static boolean keepsRegions(int drawings, long pixels, long maxHeap) {
        // labels (4 bytes), own (1) and about a byte for the ink pixels' sources, per pixel
        return drawings * pixels * 6 <= maxHeap / 4;
    }

    /** A drawing's region boxes ({@link LeakSplitter#boundingBoxes}), found on first use and kept. */
    private static Supplier<int[]> boxesOf(Map<Integer, int[]> found, int drawing, Regions regions) {
        return () -> found.computeIfAbsent(drawing, x -> LeakSplitter.boundingBoxes(regions));
    }

    /** Drawings from reference r outwards in direction step, up to (not including) the next reference. */
    static List<Integer> chainOrder(List<Integer> drawings, int r, int step, Integer stop) {
        List<Integer> order = new ArrayList<>();
        for (int d : drawings) {
            boolean side = step > 0 ? d > r && (stop == null || d < stop) : d < r && (stop == null || d > stop);
            if (side) {
                order.add(d);
            }
        }
        order.sort(Comparator.comparingInt(d -> Math.abs(d - r)));
        return order;
    }

    private ChainStep colorizeStep(int d, Regions regions, VoteGrid grid, Supplier<VoteGrid> landingGrid, Supplier<int[]> boxes,
                                   int ref, ReferenceMap refMap, Integer previousFrame,
                                   short[] previousFill, byte[] previousCertainty, Palette palette, ClipMatches matches,
                                   DenseCorrespondence dense, ColorHints hints, Regions refRegions, short[] refLabels) {
        int w = regions.width();
        int h = regions.height();
        int n = w * h;
        List<VoteSource> sources = new ArrayList<>();
        FlowField direct = dense == null ? null : dense.field(d, ref);
        SourceRegions landing = null;
        if (direct != null) {
            sources.add(VoteSource.of(direct, w, h, refMap.index(), 1.0, settings.voteFloor()));
            landing = SourceRegions.of(regions, refRegions, VoteSource.of(direct, w, h, refLabels, 1.0, settings.voteFloor()),
                    landingGrid.get());
        }
        if (previousFrame != null && dense != null) {
            FlowField field = dense.field(d, previousFrame);
            if (field != null) {
                sources.add(VoteSource.of(field, w, h, previousFill, previousCertainty, settings.temporalWeight(),
                        settings.voteFloor()));
            }
        }
        Mat hint = hints.colors(d);
        if (hint != null && hints.weight() > 0) {
            sources.add(VoteSource.ofColors(hint, palette, hints.weight()));
        }
        RegionVotes votes = new RegionVotes(regions.count(), palette.size());
        double[] directMass = new double[regions.count()];
        for (VoteSource s : sources) {
            s.addTo(votes, regions, grid);
            if (s == sources.get(0) && direct != null) {
                // the direct correspondence votes first: what the region holds now is its weight
                for (int k = 0; k < directMass.length; k++) {
                    directMass[k] = votes.total(k);
                }
            }
        }
        if (matches != null) {
            PairMatches pair = matches.between(ref, d);
            if (pair != null && !pair.isEmpty()) {
                votes.addMatches(regions, pair, refMap, settings.matchWeight(), settings.matchRadius());
            }
        }
        if (sources.isEmpty() && votes.isEmpty()) {
            FieldlessFallback.addIdentityVotes(votes, regions, refMap);
        }
        short[] fill = new short[n];
        int[] color = votes.winners();
        boolean[] split = LeakSplitter.suspects(votes, regions, settings, n);
        for (int i = 0; i < n; i++) {
            if (regions.own()[i]) {
                fill[i] = (short) color[regions.labels()[i]];
            }
        }
        LeakSplitter.split(split, regions, boxes, sources, palette.size(), regionSettings.lineGrow(w),
                regionSettings.gapCloseDiameter(w), settings, fill);
        return new ChainStep(ref, Math.abs(d - ref), votes, fill, landing, directMass);
    }

    private static ColorizedFrame passThrough(int r, Mat bgr, LineArt art, ReferenceMap map, Palette palette) {
        ColorizedFrame composed = Compositor.compose(r, map.width(), map.height(), map.index(), palette, art.mainAlpha());
        composed.color().release();
        // a reference is given, not estimated: sure everywhere
        return new ColorizedFrame(r, bgr.clone(), composed.lines(), composed.fill(), true,
                FrameConfidence.certain(map.width(), map.height()));
    }
}
