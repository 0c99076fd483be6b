package io.anidoc.matcher;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.Setting;
import io.anidoc.runtime.stage.ChosenEngine;
import io.anidoc.runtime.stage.EngineChoice;

import java.util.List;

/**
 * The matcher's own settings: which engine runs, and how the Triton engine uses its model.
 *
 * @param engine         the CPU engine, or SIFT-LightGlue on Triton with its model's name
 * @param minScore       matches the model scores lower are dropped before the geometric verification
 * @param onePerPixel    keep one SIFT keypoint per detection pixel, as LightGlue's own SIFT extractor does
 */
public record MatcherSettings(ChosenEngine engine, double minScore, boolean onePerPixel) {

    public static final Setting ENGINE = EngineChoice.setting("matcher", "lightglue", "OpenCV SIFT", "SIFT-LightGlue");
    public static final Setting LIGHTGLUE_MODEL = EngineChoice.modelSetting("matcher", "lightglue", "SIFT-LightGlue");
    public static final Setting LIGHTGLUE_MIN_SCORE = Setting.of("ANIDOC_MATCHER_LIGHTGLUE_MIN_SCORE", "0.1",
            "Lowest LightGlue match score (0..1) kept for the geometric verification.");
    public static final Setting LIGHTGLUE_ONE_PER_PIXEL = Setting.of("ANIDOC_MATCHER_LIGHTGLUE_ONE_PER_PIXEL", "true",
            "Keep one SIFT keypoint per detection pixel for LightGlue, as its own SIFT extractor does.");

    public static final List<Setting> SETTINGS = List.of(ENGINE, LIGHTGLUE_MODEL, LIGHTGLUE_MIN_SCORE, LIGHTGLUE_ONE_PER_PIXEL);

    public MatcherSettings {
        if (engine == null) {
            throw new IllegalArgumentException("the engine is required");
        }
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be in [0, 1], got " + minScore);
        }
    }

    public static MatcherSettings from(ConfigSource source) {
        return new MatcherSettings(ChosenEngine.read(source, ENGINE, LIGHTGLUE_MODEL), source.decimal(LIGHTGLUE_MIN_SCORE, 0, 1), source.bool(LIGHTGLUE_ONE_PER_PIXEL));
    }
}
