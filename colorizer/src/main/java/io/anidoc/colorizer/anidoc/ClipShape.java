package io.anidoc.colorizer.anidoc;

import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.runtime.triton.ModelParameters;

/**
 * The clip size the model's checkpoint is fixed to, read from its configuration's parameters
 * {@code frames}, {@code height} and {@code width}, and the highest point index a request may hold
 * ({@code max_candidates}, 50 when not given): the candidate points, of which the model keeps
 * those the published inference keeps.
 */
record ClipShape(int frames, int height, int width, int maxPoints) {

    static final int DEFAULT_MAX_CANDIDATES = 50;

    static ClipShape of(ModelConfig config) {
        return new ClipShape(
                ModelParameters.requiredPositiveInt(config, "frames"),
                ModelParameters.requiredPositiveInt(config, "height"),
                ModelParameters.requiredPositiveInt(config, "width"),
                ModelParameters.positiveInt(config, "max_candidates").orElse(DEFAULT_MAX_CANDIDATES));
    }
}
