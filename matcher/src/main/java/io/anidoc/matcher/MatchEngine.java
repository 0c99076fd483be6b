package io.anidoc.matcher;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.match.ClipMatches;

/**
 * Finds the verified sparse matches of a clip: the frame pairs {@link io.anidoc.core.match.ClipMatcher#plan}
 * plans, in its order, so every engine's matches mean the same to the tracker and the colorizer.
 * Implementations are thread-safe.
 */
public interface MatchEngine {

    /** The engine name of the CPU engine. */
    String CPU = "cpu-sift";

    /** The engine's name in the {@code ClipMatched} event, e.g. {@code cpu-sift}. */
    String name();

    ClipMatches match(ClipFrames frames) throws Exception;
}
