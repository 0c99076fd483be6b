package io.anidoc.runtime.inference;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Tensor element types as the KServe v2 protocol names them ({@code FP32}, {@code INT64}, ...).
 * The constant name is the wire name.
 */
public enum Datatype {
    BOOL(1),
    UINT8(1),
    INT32(4),
    INT64(8),
    FP16(2),
    FP32(4),
    /** Variable-length byte strings, each element a 4-byte little-endian length then the bytes. */
    BYTES(0);

    private final int byteSize;

    Datatype(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element; 0 for {@link #BYTES}, whose elements vary in size. */
    public int byteSize() {
        return byteSize;
    }

    public boolean fixedSize() {
        return byteSize > 0;
    }

    /** The KServe wire name, e.g. {@code FP32}. */
    public String wireName() {
        return name();
    }

    /**
     * @throws IllegalArgumentException naming the value and the supported names when the wire name is
     *                                  not one this project reads
     */
    public static Datatype fromWireName(String wireName) {
        for (Datatype type : values()) {
            if (type.name().equals(wireName)) {
                return type;
            }
        }
        String supported = Arrays.stream(values()).map(Datatype::name).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unsupported tensor datatype '" + wireName + "' (supported: " + supported + ")");
    }
}
