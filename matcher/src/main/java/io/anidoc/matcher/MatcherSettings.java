package io.anidoc.matcher;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.Setting;

import java.util.List;

/**
 * The matcher's own settings: which engine runs, and how the Triton engine uses its model.
 *
 * @param engine         {@code cpu} (in-process SIFT matcher) or {@code lightglue} (SIFT-LightGlue on Triton)
 * @param lightglueModel name of the SIFT-LightGlue model on the inference server
 * @param minScore       matches the model scores lower are dropped before the geometric verification
 * @param onePerPixel    keep one SIFT keypoint per detection pixel, as LightGlue's own SIFT extractor does
 */
public record MatcherSettings(Engine engine, String lightglueModel, double minScore, boolean onePerPixel) {

    public enum Engine { CPU, LIGHTGLUE }

    public static final Setting ENGINE = Setting.of("ANIDOC_MATCHER_ENGINE", "cpu",
            "Matcher engine: cpu (OpenCV SIFT, in-process) or lightglue (SIFT-LightGlue on Triton).");
    public static final Setting LIGHTGLUE_MODEL = Setting.of("ANIDOC_MATCHER_LIGHTGLUE_MODEL", "lightglue",
            "Name of the SIFT-LightGlue model on the inference server.");
    public static final Setting LIGHTGLUE_MIN_SCORE = Setting.of("ANIDOC_MATCHER_LIGHTGLUE_MIN_SCORE", "0.1",
            "Lowest LightGlue match score (0..1) kept for the geometric verification.");
    public static final Setting LIGHTGLUE_ONE_PER_PIXEL = Setting.of("ANIDOC_MATCHER_LIGHTGLUE_ONE_PER_PIXEL", "true",
            "Keep one SIFT keypoint per detection pixel for LightGlue, as its own SIFT extractor does.");

    public static final List<Setting> SETTINGS = List.of(ENGINE, LIGHTGLUE_MODEL, LIGHTGLUE_MIN_SCORE, LIGHTGLUE_ONE_PER_PIXEL);

    public MatcherSettings {
        if (engine == null || lightglueModel == null || lightglueModel.isBlank()) {
            throw new IllegalArgumentException("engine and model name are required");
        }
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be in [0, 1], got " + minScore);
        }
    }

    public static MatcherSettings from(ConfigSource source) {
        String scoreText = source.string(LIGHTGLUE_MIN_SCORE);
        double score;
        try {
            score = Double.parseDouble(scoreText);
        } catch (NumberFormatException e) {
            throw new ConfigException(LIGHTGLUE_MIN_SCORE.name() + "=" + scoreText + ": not a number");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new ConfigException(LIGHTGLUE_MIN_SCORE.name() + "=" + scoreText + ": must be between 0 and 1");
        }
        String model = source.string(LIGHTGLUE_MODEL).trim();
        if (model.isEmpty()) {
            throw new ConfigException(LIGHTGLUE_MODEL.name() + " must not be blank");
        }
        return new MatcherSettings(source.enumValue(ENGINE, Engine.class), model, score, source.bool(LIGHTGLUE_ONE_PER_PIXEL));
    }
}
