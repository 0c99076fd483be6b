package io.anidoc.colorizer.anidoc;

import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelParameter;
import io.anidoc.runtime.triton.ModelParameters;

/**
 * What the model's configuration says about a request: the clip size its checkpoint is fixed to
 * (parameters {@code frames}, {@code height}, {@code width}), the highest point index a request may
 * hold ({@code max_candidates}, 50 when not given), and the rule by which it keeps points, the
 * published inference's ({@code point_min_visible_frames} 3, {@code point_min_motion} 1 model pixel
 * per frame when not given).
 */
record ClipShape(int frames, int height, int width, int maxCandidates, int minVisibleFrames, double minMotion) {

    static final int DEFAULT_MAX_CANDIDATES = 50;
    static final int DEFAULT_MIN_VISIBLE_FRAMES = 3;
    static final double DEFAULT_MIN_MOTION = 1.0;

    static ClipShape of(ModelConfig config) {
        return new ClipShape(
                ModelParameters.requiredPositiveInt(config, "frames"),
                ModelParameters.requiredPositiveInt(config, "height"),
                ModelParameters.requiredPositiveInt(config, "width"),
                ModelParameters.positiveInt(config, "max_candidates").orElse(DEFAULT_MAX_CANDIDATES),
                (int) nonNegative(config, "point_min_visible_frames", DEFAULT_MIN_VISIBLE_FRAMES),
                nonNegative(config, "point_min_motion", DEFAULT_MIN_MOTION));
    }

    private static double nonNegative(ModelConfig config, String name, double fallback) {
        ModelParameter parameter = config.getParametersMap().get(name);
        if (parameter == null) {
            return fallback;
        }
        String text = parameter.getStringValue().trim();
        try {
            double value = Double.parseDouble(text);
            if (value >= 0 && !Double.isInfinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("model '" + config.getName() + "' has parameter '" + name + "' = '" + text
                + "', expected a number >= 0");
    }
}
