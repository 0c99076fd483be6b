package io.anidoc.runtime.inference;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorTest {

    @Test
    void floatsAreLittleEndianOnTheWire() {
        Tensor tensor = Tensor.fromFloats("x", new long[]{2}, 1.0f, -2.5f);
        byte[] bytes = tensor.bytes();
        ByteBuffer expected = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.0f).putFloat(-2.5f);
        assertThat(bytes).isEqualTo(expected.array());
        assertThat(bytes[3]).isEqualTo((byte) 0x3f); // 1.0f = 0x3f800000, high byte last
        assertThat(tensor.toFloats()).containsExactly(1.0f, -2.5f);
        assertThat(tensor.elementCount()).isEqualTo(2);
        assertThat(tensor.byteSize()).isEqualTo(8);
    }

    @Test
    void integerTypesRoundTrip() {
        assertThat(Tensor.fromInts("i", new long[]{3}, 1, -7, Integer.MAX_VALUE).toInts())
                .containsExactly(1, -7, Integer.MAX_VALUE);
        assertThat(Tensor.fromLongs("l", new long[]{1, 2}, Long.MIN_VALUE, 42L).toLongs())
                .containsExactly(Long.MIN_VALUE, 42L);
        assertThat(Tensor.fromInts("i", new long[]{2}, 5, -5).toLongs()).containsExactly(5L, -5L);
        assertThat(Tensor.fromUint8("u", new long[]{2}, (byte) 255, (byte) 3).toUint8())
                .containsExactly((byte) 255, (byte) 3);
        assertThat(Tensor.fromBooleans("b", new long[]{3}, true, false, true).toBooleans())
                .containsExactly(true, false, true);
    }

    @Test
    void fp16TensorsHoldHalvesAndReadBackAsFloats() {
        Tensor tensor = Tensor.fromFloatsAsFp16("h", new long[]{4}, 0.5f, -3.0f, 1024f, 0.1f);
        assertThat(tensor.datatype()).isEqualTo(Datatype.FP16);
        assertThat(tensor.byteSize()).isEqualTo(8);
        assertThat(tensor.bytes()).startsWith((byte) 0x00, (byte) 0x38); // 0.5 = 0x3800, little-endian
        float[] back = tensor.toFloats();
        assertThat(back).containsExactly(0.5f, -3.0f, 1024f, Fp16.toFloat(Fp16.fromFloat(0.1f)));
        assertThat(back[3]).isNotEqualTo(0.1f).isCloseTo(0.1f, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void bytesElementsAreLengthPrefixed() {
        Tensor tensor = Tensor.fromStrings("s", new long[]{2}, "ab", "");
        assertThat(tensor.bytes()).containsExactly(2, 0, 0, 0, 'a', 'b', 0, 0, 0, 0);
        assertThat(tensor.toStrings()).containsExactly("ab", "");
        assertThat(tensor.toByteElements()).hasSize(2);
    }

    @Test
    void refusesDataThatDoesNotFitTheShape() {
        assertThatThrownBy(() -> Tensor.fromFloats("kpts0", new long[]{1, 3, 2}, 1f, 2f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor 'kpts0' FP32 [1,3,2] needs 24 bytes, got 8");
        assertThatThrownBy(() -> Tensor.fromStrings("s", new long[]{3}, "a"))
                .hasMessageContaining("needs 3 elements, got 1");
        assertThatThrownBy(() -> Tensor.of("s", Datatype.BYTES, new long[]{1}, new byte[]{9, 0, 0, 0, 1}))
                .hasMessageContaining("claims 9 bytes, 1 remain");
        assertThatThrownBy(() -> Tensor.fromFloats("x", new long[]{-1}))
                .hasMessageContaining("negative dimension");
    }

    @Test
    void refusesReadingAsTheWrongType() {
        assertThatThrownBy(() -> Tensor.fromLongs("m", new long[]{1}, 1L).toFloats())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tensor 'm' is INT64, cannot read it as floats");
    }

    @Test
    void isImmutableAndComparesByContent() {
        long[] shape = {2};
        float[] values = {1f, 2f};
        Tensor tensor = Tensor.fromFloats("x", shape, values);
        shape[0] = 5;
        values[0] = 9f;
        tensor.shape()[0] = 7;
        ByteBuffer view = tensor.data();
        view.position(4);
        assertThat(tensor.shape()).containsExactly(2);
        assertThat(tensor.toFloats()).containsExactly(1f, 2f);
        assertThat(tensor.byteSize()).isEqualTo(8);
        assertThat(view.isReadOnly()).isTrue();
        assertThat(tensor).isEqualTo(Tensor.fromFloats("x", new long[]{2}, 1f, 2f));
        assertThat(tensor).isNotEqualTo(Tensor.fromFloats("x", new long[]{2}, 1f, 3f));
        assertThat(tensor.toString()).isEqualTo("Tensor[x FP32 [2], 8 bytes]");
        assertThat(List.of(Datatype.values())).extracting(Datatype::wireName)
                .containsExactly("BOOL", "UINT8", "INT32", "INT64", "FP16", "FP32", "BYTES");
    }
}
