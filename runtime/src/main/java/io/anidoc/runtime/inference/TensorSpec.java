package io.anidoc.runtime.inference;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a model promises about one input or output: name, datatype and shape, where {@code -1}
 * marks a variable dimension (it matches any size). An output the client converts may accept
 * other datatypes too ({@code alsoAccepted}).
 */
public record TensorSpec(String name, Datatype datatype, long[] shape, List<Datatype> alsoAccepted) {

    public TensorSpec(String name, Datatype datatype, long[] shape) {
        this(name, datatype, shape, List.of());
    }

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        alsoAccepted = List.copyOf(alsoAccepted);
        shape = shape.clone();
        for (long dim : shape) {
            if (dim < -1) {
                throw new IllegalArgumentException("tensor '" + name + "': dimension " + dim + " is neither -1 nor a size");
            }
        }
    }

    public static TensorSpec of(String name, Datatype datatype, long... shape) {
        return new TensorSpec(name, datatype, shape);
    }

    /** The same tensor, also accepted in the given datatypes (the reader converts them). */
    public TensorSpec orAlso(Datatype... others) {
        return new TensorSpec(name, datatype, shape, Stream.concat(alsoAccepted.stream(), Stream.of(others)).toList());
    }

    /** True for the datatype or one of those also accepted, by KServe wire name. */
    public boolean accepts(String wireName) {
        return datatype.wireName().equals(wireName) || alsoAccepted.stream().anyMatch(d -> d.wireName().equals(wireName));
    }

    /** The accepted datatypes as a message names them: {@code INT64} or {@code INT64 or FP32}. */
    public String acceptedText() {
        return Stream.concat(Stream.of(datatype), alsoAccepted.stream()).map(Datatype::wireName)
                .collect(Collectors.joining(" or "));
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** True when the shapes have the same rank and every pair of dimensions is equal or a wildcard. */
    public static boolean shapesCompatible(long[] expected, long[] actual) {
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != -1 && actual[i] != -1 && expected[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec other && name.equals(other.name) && datatype == other.datatype
                && Arrays.equals(shape, other.shape) && alsoAccepted.equals(other.alsoAccepted);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, datatype, Arrays.hashCode(shape), alsoAccepted);
    }

    @Override
    public String toString() {
        return name + " " + acceptedText() + " " + Tensor.shapeText(shape);
    }
}
