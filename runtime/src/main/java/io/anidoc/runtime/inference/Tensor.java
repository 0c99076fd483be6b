package io.anidoc.runtime.inference;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A named tensor as the KServe v2 protocol carries it: a datatype, a row-major shape and the
 * flattened elements as little-endian bytes with no padding ({@link Datatype#BYTES} elements are
 * each a 4-byte little-endian length followed by the bytes).
 *
 * <p>The record is immutable: the shape is copied and {@link #data()} is a read-only view, so the
 * same buffer can be handed to gRPC without a copy.
 *
 * @param name     the model's input or output name
 * @param datatype element type
 * @param shape    dimensions, each at least 0
 * @param data     the elements; its remaining bytes must match the shape
 */
public record Tensor(String name, Datatype datatype, long[] shape, ByteBuffer data) {

    public Tensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension in shape "
                        + shapeText(shape));
            }
        }
        data = data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long elements = elementCount(shape);
        if (datatype.fixedSize()) {
            long expected = elements * datatype.byteSize();
            if (data.remaining() != expected) {
                throw new IllegalArgumentException("tensor '" + name + "' " + datatype + " " + shapeText(shape)
                        + " needs " + expected + " bytes, got " + data.remaining());
            }
        } else {
            long found = countByteElements(name, data);
            if (found != elements) {
                throw new IllegalArgumentException("tensor '" + name + "' BYTES " + shapeText(shape)
                        + " needs " + elements + " elements, got " + found);
            }
        }
    }

    // ---- construction --------------------------------------------------------------------

    /** A tensor over a copy of {@code littleEndianBytes}. */
    public static Tensor of(String name, Datatype datatype, long[] shape, byte[] littleEndianBytes) {
        return new Tensor(name, datatype, shape, ByteBuffer.wrap(littleEndianBytes.clone()));
    }

    public static Tensor fromFloats(String name, long[] shape, float... values) {
        ByteBuffer buffer = allocate(values.length, 4);
        buffer.asFloatBuffer().put(values);
        return new Tensor(name, Datatype.FP32, shape, buffer);
    }

    /** An FP16 tensor: each float rounded to the nearest half (exact where the half can hold it). */
    public static Tensor fromFloatsAsFp16(String name, long[] shape, float... values) {
        ByteBuffer buffer = allocate(values.length, 2);
        for (int i = 0; i < values.length; i++) {
            buffer.putShort(i * 2, Fp16.fromFloat(values[i]));
        }
        return new Tensor(name, Datatype.FP16, shape, buffer);
    }

    public static Tensor fromInts(String name, long[] shape, int... values) {
        ByteBuffer buffer = allocate(values.length, 4);
        buffer.asIntBuffer().put(values);
        return new Tensor(name, Datatype.INT32, shape, buffer);
    }

    public static Tensor fromLongs(String name, long[] shape, long... values) {
        ByteBuffer buffer = allocate(values.length, 8);
        buffer.asLongBuffer().put(values);
        return new Tensor(name, Datatype.INT64, shape, buffer);
    }

    /** A UINT8 tensor; values are taken as unsigned (byte -1 is 255). */
    public static Tensor fromUint8(String name, long[] shape, byte... values) {
        return new Tensor(name, Datatype.UINT8, shape, ByteBuffer.wrap(values.clone()));
    }

    public static Tensor fromBooleans(String name, long[] shape, boolean... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) (values[i] ? 1 : 0);
        }
        return new Tensor(name, Datatype.BOOL, shape, ByteBuffer.wrap(bytes));
    }

    /** A BYTES tensor, each element length-prefixed on the wire. */
    public static Tensor fromByteElements(String name, long[] shape, List<byte[]> elements) {
        int total = 0;
        for (byte[] element : elements) {
            total = Math.addExact(total, 4 + element.length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] element : elements) {
            buffer.putInt(element.length).put(element);
        }
        buffer.flip();
        return new Tensor(name, Datatype.BYTES, shape, buffer);
    }

    /** A BYTES tensor of UTF-8 strings. */
    public static Tensor fromStrings(String name, long[] shape, String... values) {
        List<byte[]> elements = new ArrayList<>(values.length);
        for (String value : values) {
            elements.add(value.getBytes(StandardCharsets.UTF_8));
        }
        return fromByteElements(name, shape, elements);
    }

    // ---- reading ---------------------------------------------------------------------------

    /** The shape (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** A read-only little-endian view of the elements; its position and limit are the caller's to move. */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Size of the elements in bytes. */
    public int byteSize() {
        return data.remaining();
    }

    /** Number of elements: the product of the dimensions (1 for a scalar). */
    public long elementCount() {
        return elementCount(shape);
    }

    /** The raw little-endian bytes (a copy). */
    public byte[] bytes() {
        byte[] copy = new byte[data.remaining()];
        data.duplicate().get(copy);
        return copy;
    }

    /** FP32 elements, or FP16 elements widened to float (exact). */
    public float[] toFloats() {
        float[] values = new float[arrayLength()];
        if (datatype == Datatype.FP32) {
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else if (datatype == Datatype.FP16) {
            for (int i = 0; i < values.length; i++) {
                values[i] = Fp16.toFloat(data.getShort(i * 2));
            }
        } else {
            throw wrongType("floats", Datatype.FP32, Datatype.FP16);
        }
        return values;
    }

    public int[] toInts() {
        requireType("ints", Datatype.INT32);
        int[] values = new int[arrayLength()];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(values);
        return values;
    }

    /** INT64 elements, or INT32 elements widened. */
    public long[] toLongs() {
        long[] values = new long[arrayLength()];
        if (datatype == Datatype.INT64) {
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
        } else if (datatype == Datatype.INT32) {
            int[] ints = toInts();
            for (int i = 0; i < ints.length; i++) {
                values[i] = ints[i];
            }
        } else {
            throw wrongType("longs", Datatype.INT64, Datatype.INT32);
        }
        return values;
    }

    /** UINT8 elements as raw bytes; read them with {@code Byte.toUnsignedInt}. */
    public byte[] toUint8() {
        requireType("uint8 values", Datatype.UINT8);
        return bytes();
    }

    public boolean[] toBooleans() {
        requireType("booleans", Datatype.BOOL);
        boolean[] values = new boolean[arrayLength()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i) != 0;
        }
        return values;
    }

    /** BYTES elements, without their length prefixes. */
    public List<byte[]> toByteElements() {
        requireType("byte elements", Datatype.BYTES);
        ByteBuffer view = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> elements = new ArrayList<>();
        while (view.hasRemaining()) {
            byte[] element = new byte[view.getInt()];
            view.get(element);
            elements.add(element);
        }
        return elements;
    }

    public List<String> toStrings() {
        return toByteElements().stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** {@code [2,3,4]}, the notation Triton uses in its messages. */
    public static String shapeText(long[] shape) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(shape[i]);
        }
        return text.append(']').toString();
    }

    static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    private static ByteBuffer allocate(int elements, int byteSize) {
        return ByteBuffer.allocate(Math.multiplyExact(elements, byteSize)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long countByteElements(String name, ByteBuffer data) {
        ByteBuffer view = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long count = 0;
        while (view.hasRemaining()) {
            if (view.remaining() < 4) {
                throw new IllegalArgumentException("tensor '" + name + "' BYTES element " + count
                        + " has an incomplete 4-byte length");
            }
            int length = view.getInt();
            if (length < 0 || length > view.remaining()) {
                throw new IllegalArgumentException("tensor '" + name + "' BYTES element " + count
                        + " claims " + Integer.toUnsignedString(length) + " bytes, " + view.remaining() + " remain");
            }
            view.position(view.position() + length);
            count++;
        }
        return count;
    }

    private int arrayLength() {
        long count = elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("tensor '" + name + "' has " + count + " elements, too many for a Java array");
        }
        return (int) count;
    }

    private void requireType(String what, Datatype expected) {
        if (datatype != expected) {
            throw wrongType(what, expected);
        }
    }

    private IllegalStateException wrongType(String what, Datatype... readable) {
        return new IllegalStateException("tensor '" + name + "' is " + datatype + ", cannot read it as " + what
                + " (needs " + Arrays.toString(readable) + ")");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor other
                && name.equals(other.name)
                && datatype == other.datatype
                && Arrays.equals(shape, other.shape)
                && data.equals(other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, datatype, Arrays.hashCode(shape), data);
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + datatype + " " + shapeText(shape) + ", " + data.remaining() + " bytes]";
    }
}
