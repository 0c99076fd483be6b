package io.anidoc.core.engine;

import io.anidoc.core.colorize.ColorizeSettings;
import io.anidoc.core.flow.FlowSettings;
import io.anidoc.core.lineart.LineArtSettings;
import io.anidoc.core.match.MatchSettings;
import io.anidoc.core.match.SiftSettings;
import io.anidoc.core.regions.RegionSettings;

/**
 * Every setting of the CPU engine, by stage.
 *
 * @param maxClipDrawings drawings per clip before the planner warns that a gap between keyframes is long
 */
public record EngineSettings(LineArtSettings lineArt, RegionSettings regions, SiftSettings sift, MatchSettings match,
                             FlowSettings flow, ColorizeSettings colorize, int maxClipDrawings) {
    public static final String ENGINE_NAME = "anidoc-cpu-region";
    public static final String ENGINE_VERSION = "1";

    public EngineSettings {
        if (lineArt == null || regions == null || sift == null || match == null || flow == null || colorize == null) {
            throw new IllegalArgumentException("every stage needs its settings");
        }
        if (maxClipDrawings < 1) {
            throw new IllegalArgumentException("maxClipDrawings must be at least 1, got " + maxClipDrawings);
        }
    }

    public static EngineSettings defaults() {
        return new EngineSettings(LineArtSettings.defaults(), RegionSettings.defaults(), SiftSettings.defaults(),
                MatchSettings.defaults(), FlowSettings.defaults(), ColorizeSettings.defaults(), 16);
    }

    public EngineSettings withFlow(FlowSettings value) {
        return new EngineSettings(lineArt, regions, sift, match, value, colorize, maxClipDrawings);
    }

    public EngineSettings withColorize(ColorizeSettings value) {
        return new EngineSettings(lineArt, regions, sift, match, flow, value, maxClipDrawings);
    }

    public EngineSettings withRegions(RegionSettings value) {
        return new EngineSettings(lineArt, value, sift, match, flow, colorize, maxClipDrawings);
    }

    public EngineSettings withLineArt(LineArtSettings value) {
        return new EngineSettings(value, regions, sift, match, flow, colorize, maxClipDrawings);
    }

    public EngineSettings withMaxClipDrawings(int value) {
        return new EngineSettings(lineArt, regions, sift, match, flow, colorize, value);
    }
}
