package io.anidoc.runtime.stage;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.runtime.config.Setting;
import io.anidoc.runtime.inference.ModelContract;
import io.anidoc.runtime.triton.TritonModel;

import java.util.Objects;
import java.util.function.Function;

/**
 * Which engine a stage service runs, as its settings chose: one in the process ({@link Cpu}), or
 * one backed by a model on the inference server ({@link Triton}), whose step is built only once
 * the model matches its contract.
 */
public sealed interface EngineChoice<I, O> {

    /** An engine in the process, built from the line-art engine. */
    record Cpu<I, O>(Function<ClipEngine, ClipStep<I, O>> step) implements EngineChoice<I, O> {
        public Cpu {
            Objects.requireNonNull(step, "step");
        }
    }

    /** An engine on the inference server: the model's name, its contract and how to build the step once verified. */
    record Triton<I, O>(String model, ModelContract contract, TritonStep<I, O> step) implements EngineChoice<I, O> {
        public Triton {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(contract, "contract");
            Objects.requireNonNull(step, "step");
        }
    }

    /** Builds the step of a verified model. */
    @FunctionalInterface
    interface TritonStep<I, O> {
        ClipStep<I, O> create(ClipEngine engine, TritonModel model, ModelConfig config);
    }

    /**
     * {@code ANIDOC_<STAGE>_ENGINE}: {@code cpu} (the default) or the name of the stage's Triton
     * engine, e.g. {@code lightglue}.
     */
    static Setting setting(String stage, String triton, String cpuDoes, String tritonDoes) {
        return Setting.of("ANIDOC_" + upper(stage) + "_ENGINE", "cpu", Character.toUpperCase(stage.charAt(0))
                + stage.substring(1) + " engine: cpu (" + cpuDoes + ", in-process) or " + triton + " (" + tritonDoes
                + " on Triton).");
    }

    /** {@code ANIDOC_<STAGE>_<TRITON>_MODEL}: the name of the Triton engine's model, by default the engine's name. */
    static Setting modelSetting(String stage, String triton, String title) {
        return Setting.of("ANIDOC_" + upper(stage) + "_" + upper(triton) + "_MODEL", triton,
                "Name of the " + title + " model on the inference server.");
    }

    private static String upper(String name) {
        return name.toUpperCase(java.util.Locale.ROOT);
    }

    static <I, O> EngineChoice<I, O> cpu(Function<ClipEngine, ClipStep<I, O>> step) {
        return new Cpu<>(step);
    }

    static <I, O> EngineChoice<I, O> triton(String model, ModelContract contract, TritonStep<I, O> step) {
        return new Triton<>(model, contract, step);
    }
}
