package io.anidoc.tracker;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.match.ClipMatches;

import java.util.Objects;

/** The CPU engine: OpenCV DIS flow on the line art, anchored by the sparse matches. */
public final class CpuTrackEngine implements TrackEngine {

    public static final String NAME = "cpu-dis";

    private final ClipEngine engine;

    public CpuTrackEngine(ClipEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DenseCorrespondence track(ClipFrames frames, ClipMatches matches) {
        return engine.track(frames, matches);
    }
}
