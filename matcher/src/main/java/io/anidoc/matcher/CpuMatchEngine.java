package io.anidoc.matcher;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.match.ClipMatches;

import java.util.Objects;

/** The CPU engine: OpenCV SIFT, RootSIFT, mutual nearest neighbours with the ratio test, RANSAC. */
public final class CpuMatchEngine implements MatchEngine {

    public static final String NAME = "cpu-sift";

    private final ClipEngine engine;

    public CpuMatchEngine(ClipEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ClipMatches match(ClipFrames frames) {
        return engine.match(frames);
    }
}
