package io.anidoc.runtime.inference;

import java.util.List;

/**
 * The inputs a client sends and the outputs it reads, checked against the server's model metadata
 * at start-up by {@link InferenceClient#verifyModel(String, ModelContract)}.
 */
public record ModelContract(List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public ModelContract {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
