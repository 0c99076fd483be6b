package io.anidoc.runtime.stage;

import java.util.Objects;

/**
 * What a stage publishes for one input.
 *
 * @param key   the record key of the output, e.g. the clip id; the same input must give the same key
 * @param value the output event
 */
public record StageOutput<O>(String key, O value) {

    public StageOutput {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    public static <O> StageOutput<O> of(String key, O value) {
        return new StageOutput<>(key, value);
    }
}
