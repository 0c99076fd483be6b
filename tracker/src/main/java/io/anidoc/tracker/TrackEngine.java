package io.anidoc.tracker;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.match.ClipMatches;

/**
 * Dense correspondences of a clip: for every drawing a field to every reference and to its
 * neighbouring drawings, as the CPU engine gives them, so the colorizer reads every engine's
 * output the same way. Implementations are thread-safe.
 */
public interface TrackEngine {

    /** The engine name of the CPU engine. */
    String CPU = "cpu-dis";

    /** The engine's name in the {@code ClipTracked} event, e.g. {@code cpu-dis}. */
    String name();

    DenseCorrespondence track(ClipFrames frames, ClipMatches matches) throws Exception;
}
