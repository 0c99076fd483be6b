package io.anidoc.matcher.lightglue;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.match.ClipMatcher;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.match.FramePair;
import io.anidoc.core.match.KeyPoints;
import io.anidoc.core.match.PairMatches;
import io.anidoc.core.match.SiftExtractor;
import io.anidoc.core.match.SiftSettings;
import io.anidoc.core.match.SparseMatcher;
import io.anidoc.matcher.MatchEngine;
import io.anidoc.runtime.inference.InferResult;
import io.anidoc.runtime.triton.TritonModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The Triton engine of the matcher: SIFT keypoints from OpenCV (RootSIFT, as the CPU engine
 * extracts them), matched pair by pair by SIFT-LightGlue on the inference server, then verified
 * geometrically with the CPU engine's RANSAC ({@link SparseMatcher#verify}). Pairs, their order and
 * the output format are the CPU engine's, so the rest of the pipeline does not tell them apart.
 */
public final class LightGlueMatcher implements MatchEngine {

    public static final String NAME = "triton-lightglue";

    private final TritonModel model;
    private final SiftSettings sift;
    private final SparseMatcher verifier;
    private final double minScore;

    public LightGlueMatcher(TritonModel model, SiftSettings sift, SparseMatcher verifier, double minScore) {
        this.model = Objects.requireNonNull(model, "model");
        this.sift = Objects.requireNonNull(sift, "sift");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be in [0, 1], got " + minScore);
        }
        this.minScore = minScore;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ClipMatches match(ClipFrames clip) throws InterruptedException {
        List<FramePair> pairs = ClipMatcher.plan(clip.allFrames(), clip.references());
        TreeSet<Integer> frames = new TreeSet<>();
        pairs.forEach(pair -> {
            frames.add(pair.from());
            frames.add(pair.to());
        });
        // the extractor holds an OpenCV detector and is not thread-safe: one per clip
        SiftExtractor extractor = new SiftExtractor(sift);
        Map<Integer, KeyPoints> keyPoints = new LinkedHashMap<>();
        for (int frame : frames) {
            try {
                keyPoints.put(frame, extractor.extract(clip.lineArt().get(frame).gray()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("frame " + frame + ": " + e.getMessage(), e);
            }
        }
        List<PairMatches> matched = new ArrayList<>(pairs.size());
        for (FramePair pair : pairs) {
            matched.add(matchPair(pair.from(), keyPoints.get(pair.from()), pair.to(), keyPoints.get(pair.to())));
        }
        return new ClipMatches(matched);
    }

    /** One pair: the model's matches above the minimum score, verified. */
    PairMatches matchPair(int fromFrame, KeyPoints from, int toFrame, KeyPoints to) throws InterruptedException {
        if (from.size() == 0 || to.size() == 0) {
            return PairMatches.empty(fromFrame, toFrame);
        }
        InferResult result = model.infer(LightGlueTensors.inputs(from, to));
        LightGlueTensors.Candidates candidates = LightGlueTensors.candidates(model.name(), result, from.size(), to.size(),
                minScore);
        return verifier.verify(fromFrame, from, toFrame, to, candidates.fromIndex(), candidates.toIndex(),
                candidates.score());
    }
}
