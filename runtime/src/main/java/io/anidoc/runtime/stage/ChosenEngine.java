package io.anidoc.runtime.stage;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.Setting;

import java.util.Locale;

/**
 * The engine a stage's settings chose: its CPU engine, or its Triton engine and the name of the
 * model that engine runs. Read from {@link EngineChoice#setting} ({@code cpu} or the Triton
 * engine's name, any case) and {@link EngineChoice#modelSetting} (whose default is that name).
 *
 * @param triton true for the Triton engine
 * @param model  the Triton engine's model on the inference server (read also for the CPU engine)
 */
public record ChosenEngine(boolean triton, String model) {

    public ChosenEngine {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("the model name is required");
        }
    }

    public static ChosenEngine read(ConfigSource source, Setting engine, Setting model) {
        String tritonName = model.defaultValue();
        String value = source.string(engine).trim();
        String wanted = value.toLowerCase(Locale.ROOT);
        if (!wanted.equals("cpu") && !wanted.equals(tritonName)) {
            throw new ConfigException(engine.name() + "=" + value + ": must be one of cpu, " + tritonName);
        }
        return new ChosenEngine(wanted.equals(tritonName), source.nonBlank(model));
    }
}
