package io.anidoc.embedded.inference;

import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelInput;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelOutput;

import java.util.Optional;

/**
 * A model of the repository: its configuration and, when it could be loaded, its session.
 *
 * @param version   the served version, 0 when there is none
 * @param supported false for models of other backends, which are listed but never served
 */
record ServedModel(String name, long version, ModelConfig config, OnnxModel onnx, boolean supported, String reason) {

    static ServedModel ready(ModelConfig config, long version, OnnxModel onnx) {
        return new ServedModel(config.getName(), version, config, onnx, true, "");
    }

    static ServedModel unavailable(String name, long version, ModelConfig config, boolean supported, String reason) {
        return new ServedModel(name, version, config, null, supported, reason);
    }

    boolean ready() {
        return onnx != null;
    }

    String versionText() {
        return version > 0 ? Long.toString(version) : "";
    }

    Optional<ModelInput> input(String inputName) {
        return config.getInputList().stream().filter(input -> input.getName().equals(inputName)).findFirst();
    }

    Optional<ModelOutput> output(String outputName) {
        return config.getOutputList().stream().filter(output -> output.getName().equals(outputName)).findFirst();
    }

    ModelState state() {
        return new ModelState(name, versionText(), ready() ? ModelState.READY : ModelState.UNAVAILABLE, reason);
    }
}
