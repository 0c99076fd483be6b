package io.anidoc.runtime.triton;

import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelParameter;

import java.util.OptionalInt;

/** Reads the {@code parameters} of a model configuration, e.g. the clip size a checkpoint is fixed to. */
public final class ModelParameters {

    private ModelParameters() {
    }

    /**
     * A positive integer parameter, or empty when the configuration has none.
     *
     * @throws IllegalStateException naming the model and the parameter when the value is not a positive integer
     */
    public static OptionalInt positiveInt(ModelConfig config, String name) {
        ModelParameter parameter = config.getParametersMap().get(name);
        if (parameter == null) {
            return OptionalInt.empty();
        }
        String text = parameter.getStringValue().trim();
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return OptionalInt.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("model '" + config.getName() + "' has parameter '" + name + "' = '" + text
                + "', expected a positive integer");
    }

    /** A positive integer parameter the model must declare. */
    public static int requiredPositiveInt(ModelConfig config, String name) {
        return positiveInt(config, name).orElseThrow(() -> new IllegalStateException("model '" + config.getName()
                + "' declares no parameter '" + name + "' in its configuration"));
    }
}
