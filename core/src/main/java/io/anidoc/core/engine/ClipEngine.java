package io.anidoc.core.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.opencv.core.Mat;

import io.anidoc.core.colorize.ClipColorizer;
import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.colorize.ColorHints;
import io.anidoc.core.colorize.ColorizedFrame;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.flow.DenseTracker;
import io.anidoc.core.image.OpenCv;
import io.anidoc.core.lineart.LineArt;
import io.anidoc.core.lineart.LineArtExtractor;
import io.anidoc.core.lineart.LineArtNormalizer;
import io.anidoc.core.lineart.PaperComposite;
import io.anidoc.core.match.ClipMatcher;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.match.SiftExtractor;
import io.anidoc.core.match.SparseMatcher;
import io.anidoc.core.sheet.ModelSheet;
import io.anidoc.core.sheet.SheetColorizer;

/**
 * The CPU engine for one clip, one method per stage, so separate services can each run one stage
 * and pass the results ({@link ClipMatches}, {@link DenseCorrespondence}) on:
 * {@link #prepare} (line art normalization, cheap enough for every stage to redo),
 * {@link #match}, {@link #track}, {@link #colorize}.
 */
public final class ClipEngine {
    private final EngineSettings settings;
    private final LineArtNormalizer normalizer;
    private final LineArtExtractor extractor = LineArtExtractor.defaults();

    public ClipEngine(EngineSettings settings) {
        OpenCv.load();
        this.settings = settings;
        this.normalizer = new LineArtNormalizer(settings.lineArt());
    }

    public EngineSettings settings() {
        return settings;
    }

    /** Normalizes every drawing; references without line art get lines extracted from their colors. */
    public ClipFrames prepare(ClipInput input) {
        Map<Integer, LineArt> arts = new HashMap<>();
        Map<Integer, Mat> colors = new HashMap<>();
        for (int d : input.drawings()) {
            arts.put(d, normalizer.normalize(input.lineImages().get(d)));
        }
        for (int r : input.references()) {
            Mat bgr = PaperComposite.toBgrOnWhite(input.referenceColors().get(r));
            colors.put(r, bgr);
            Mat line = input.lineImages().get(r);
            arts.put(r, line != null ? normalizer.normalize(line) : extractor.fromColor(bgr));
        }
        Map<String, Mat> sheets = new HashMap<>();
        input.sheets().forEach((name, image) -> sheets.put(name, PaperComposite.toBgrOnWhite(image)));
        return new ClipFrames(input.drawings(), input.references(), arts, colors, sheets);
    }

    /** A clip colored from model sheets: it has no reference to correspond with, so match and track find nothing. */
    private static boolean fromSheets(ClipFrames clip) {
        return clip.references().isEmpty();
    }

    public ClipMatches match(ClipFrames clip) {
        if (fromSheets(clip)) {
            return new ClipMatches(List.of());
        }
        ClipMatcher matcher = new ClipMatcher(new SiftExtractor(settings.sift()), new SparseMatcher(settings.match()));
        return matcher.matchClip(clip.allFrames(), grays(clip), clip.references());
    }

    /** @param matches sparse matches of the clip, or null to track without them */
    public DenseCorrespondence track(ClipFrames clip, ClipMatches matches) {
        if (fromSheets(clip)) {
            LineArt first = clip.lineArt().get(clip.drawings().get(0));
            return new DenseCorrespondence(first.width(), first.height(), 4, 4, List.of());
        }
        return new DenseTracker(settings.flow()).track(clip.allFrames(), grays(clip), clip.references(), matches);
    }

    /** References (passed through) and drawings, in frame order. */
    public List<ColorizedFrame> colorize(ClipFrames clip, ClipMatches matches, DenseCorrespondence dense) {
        return colorize(clip, matches, dense, ColorHints.none());
    }

    /** As {@link #colorize(ClipFrames, ClipMatches, DenseCorrespondence)}, with proposed colors as one more vote source. */
    public List<ColorizedFrame> colorize(ClipFrames clip, ClipMatches matches, DenseCorrespondence dense, ColorHints hints) {
        List<ColorizedFrame> out = new ArrayList<>();
        colorize(clip, matches, dense, hints, out::add);
        out.sort(Comparator.comparingInt(ColorizedFrame::frame));
        return out;
    }

    /**
     * As {@link #colorize(ClipFrames, ClipMatches, DenseCorrespondence)}, handing each frame to
     * {@code each} as soon as it is finished, in no set order: a caller that stores and releases it
     * holds one frame's layers at a time instead of the clip's (a 4K frame's layers take about 90 MB of
     * native memory). {@code each} owns the frames it is handed.
     */
    public void colorize(ClipFrames clip, ClipMatches matches, DenseCorrespondence dense, Consumer<ColorizedFrame> each) {
        colorize(clip, matches, dense, ColorHints.none(), each);
    }

    private void colorize(ClipFrames clip, ClipMatches matches, DenseCorrespondence dense, ColorHints hints,
                          Consumer<ColorizedFrame> each) {
        if (fromSheets(clip)) {
            colorizeFromSheets(clip, hints, each);
        } else {
            new ClipColorizer(settings.colorize(), settings.regions()).colorize(clip, matches, dense, hints, each);
        }
    }

    /** Every drawing of a clip without keyframes, colored from the model sheet that fits it best. */
    private void colorizeFromSheets(ClipFrames clip, ColorHints hints, Consumer<ColorizedFrame> each) {
        List<ModelSheet> sheets = new ArrayList<>();
        // sorted by name: the choice among equally fitting sheets must not depend on map order
        new TreeMap<>(clip.sheets()).forEach((name, image) -> sheets.add(ModelSheet.of(name, image)));
        SheetColorizer colorizer = new SheetColorizer(settings.flow(), settings.colorize(), settings.regions());
        try {
            for (int d : clip.drawings()) {
                each.accept(colorizer.colorize(d, clip.lineArt().get(d), sheets, hints));
            }
        } finally {
            sheets.forEach(ModelSheet::release);
        }
    }

    private static Map<Integer, Mat> grays(ClipFrames clip) {
        Map<Integer, Mat> grays = new HashMap<>();
        clip.lineArt().forEach((f, art) -> grays.put(f, art.gray()));
        return grays;
    }
}
