package io.anidoc.colorizer;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.colorize.ColorizedFrame;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.match.ClipMatches;

import java.util.List;
import java.util.Objects;

/** The CPU engine: paint-bucket colorization of regions, voted through the correspondences. */
public final class CpuColorizeEngine implements ColorizeEngine {

    public static final String NAME = "cpu-regions";

    private final ClipEngine engine;

    public CpuColorizeEngine(ClipEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ColorizedFrame> colorize(ClipFrames frames, ClipMatches matches, DenseCorrespondence dense) {
        return engine.colorize(frames, matches, dense);
    }
}
