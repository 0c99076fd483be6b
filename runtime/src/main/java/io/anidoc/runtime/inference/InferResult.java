package io.anidoc.runtime.inference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The outputs of one inference, by name, in the order the server sent them. */
public record InferResult(String model, String modelVersion, String id, Map<String, Tensor> outputs) {

    public InferResult {
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** @throws IllegalArgumentException naming the outputs there are when {@code name} is not one */
    public Tensor output(String name) {
        Tensor tensor = outputs.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("model '" + model + "' returned no output '" + name + "' (outputs: "
                    + String.join(", ", outputs.keySet()) + ")");
        }
        return tensor;
    }
}
