package io.anidoc.core.match;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.opencv.core.Mat;

/**
 * Sparse matches of a whole clip: SIFT keypoints are extracted once per frame, then the frame pairs
 * of {@link #plan(List, List)} are matched.
 *
 * <p>Pairs, in this order:
 * <ol>
 *   <li>every reference to every drawing ({@code r -> d}, references and drawings ascending), the
 *       long-range anchors that keep errors from accumulating along the clip;</li>
 *   <li>every two neighbouring drawings in frame order ({@code t -> t'}, t' the next drawing), stored
 *       once: the matcher is symmetric (mutual nearest neighbours, ratio test both ways), so the
 *       other direction is the same matches seen backwards, which {@link ClipMatches#between(int, int)}
 *       returns for {@code t' -> t}.</li>
 * </ol>
 * Drawings are the frames of {@code frameIndices} that are not references. A reference that sits
 * between two drawings splits them: each is already matched with it, so no drawing-to-drawing pair
 * crosses a reference. References are not matched with each other.
 *
 * <p>Not thread-safe (it holds a {@link SiftExtractor}); use one per thread.
 */
public final class ClipMatcher {
    private final SiftExtractor extractor;
    private final SparseMatcher matcher;

    public ClipMatcher(SiftExtractor extractor, SparseMatcher matcher) {
        if (extractor == null || matcher == null) {
            throw new IllegalArgumentException("extractor and matcher are required");
        }
        this.extractor = extractor;
        this.matcher = matcher;
    }

    public ClipMatcher() {
        this(new SiftExtractor(), new SparseMatcher());
    }

    /**
     * @param frameIndices    frames of the clip (drawings, and references when they have line art)
     * @param lineGrayByFrame 8-bit gray line art (white paper, dark ink) of every frame of
     *                        {@code frameIndices} and of every reference
     * @param referenceFrames the colored frames the clip takes its colors from
     */
    public ClipMatches matchClip(List<Integer> frameIndices, Map<Integer, Mat> lineGrayByFrame, List<Integer> referenceFrames) {
        List<FramePair> pairs = plan(frameIndices, referenceFrames);
        if (lineGrayByFrame == null) {
            throw new IllegalArgumentException("line art map is required");
        }
        Map<Integer, KeyPoints> keyPoints = new LinkedHashMap<>();
        for (int frame : framesOf(pairs)) {
            Mat line = lineGrayByFrame.get(frame);
            if (line == null) {
                throw new IllegalArgumentException("no line art for frame " + frame);
            }
            try {
                keyPoints.put(frame, extractor.extract(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("frame " + frame + ": " + e.getMessage(), e);
            }
        }
        return matchPairs(pairs, keyPoints);
    }

    /** Matches the given pairs with keypoints already extracted (every frame of the pairs must be present). */
    public ClipMatches matchPairs(List<FramePair> pairs, Map<Integer, KeyPoints> keyPointsByFrame) {
        List<PairMatches> result = new ArrayList<>(pairs.size());
        for (FramePair pair : pairs) {
            KeyPoints from = keyPointsByFrame.get(pair.from());
            KeyPoints to = keyPointsByFrame.get(pair.to());
            if (from == null || to == null) {
                throw new IllegalArgumentException("no keypoints for frame " + (from == null ? pair.from() : pair.to()));
            }
            result.add(matcher.match(pair.from(), from, pair.to(), to));
        }
        return new ClipMatches(result);
    }

    /** The frame pairs {@link #matchClip} matches, in order (see the class description). */
    public static List<FramePair> plan(List<Integer> frameIndices, List<Integer> referenceFrames) {
        if (frameIndices == null || referenceFrames == null) {
            throw new IllegalArgumentException("frame indices and reference frames are required");
        }
        TreeSet<Integer> references = distinct(referenceFrames, "reference frame");
        TreeSet<Integer> frames = distinct(frameIndices, "frame index");
        if (frames.size() != frameIndices.size()) {
            throw new IllegalArgumentException("duplicate frame index in " + frameIndices);
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a clip needs at least one frame");
        }
        List<Integer> drawings = new ArrayList<>();
        for (int f : frames) {
            if (!references.contains(f)) {
                drawings.add(f);
            }
        }
        List<FramePair> pairs = new ArrayList<>();
        for (int r : references) {
            for (int d : drawings) {
                pairs.add(new FramePair(r, d));
            }
        }
        TreeSet<Integer> all = new TreeSet<>(frames);
        all.addAll(references);
        Integer previous = null;
        for (int f : all) {
            if (previous != null && !references.contains(previous) && !references.contains(f)) {
                pairs.add(new FramePair(previous, f));
            }
            previous = f;
        }
        return pairs;
    }

    private static TreeSet<Integer> framesOf(List<FramePair> pairs) {
        TreeSet<Integer> frames = new TreeSet<>();
        for (FramePair p : pairs) {
            frames.add(p.from());
            frames.add(p.to());
        }
        return frames;
    }

    private static TreeSet<Integer> distinct(List<Integer> values, String what) {
        TreeSet<Integer> set = new TreeSet<>();
        for (Integer v : values) {
            if (v == null || v < 0) {
                throw new IllegalArgumentException(what + " must be a non-negative index, got " + v);
            }
            set.add(v);
        }
        return set;
    }
}
