package io.anidoc.runtime.inference;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a model promises about one input or output: name, datatype and shape, where {@code -1}
 * marks a variable dimension (it matches any size).
 */
public record TensorSpec(String name, Datatype datatype, long[] shape) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
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
                && Arrays.equals(shape, other.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, datatype, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + " " + datatype + " " + Tensor.shapeText(shape);
    }
}
