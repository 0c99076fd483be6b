package io.anidoc.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ClipMatchesTest {

    private static PairMatches sample(int from, int to, int n, double[] affine) {
        float[] fromXy = new float[2 * n];
        float[] toXy = new float[2 * n];
        float[] score = new float[n];
        for (int i = 0; i < n; i++) {
            fromXy[2 * i] = 10.25f * i;
            fromXy[2 * i + 1] = 3.5f * i + 1;
            double[] p = LineArtFixtures.apply(affine, fromXy[2 * i], fromXy[2 * i + 1]);
            toXy[2 * i] = (float) p[0];
            toXy[2 * i + 1] = (float) p[1];
            score[i] = 0.2f + 0.01f * i;
        }
        return new PairMatches(from, to, fromXy, toXy, score, affine);
    }

    private static ClipMatches clip() {
        return new ClipMatches(List.of(
                sample(0, 1, 5, new double[] {0.98, 0.17, 12.5, -0.17, 0.98, -4.25}),
                PairMatches.empty(0, 2),
                sample(1, 2, 3, LineArtFixtures.translation(6, -2))));
    }

    @Test
    void bytesRoundTripToEqualMatches() {
        ClipMatches original = clip();

        ClipMatches decoded = ClipMatches.fromBytes(original.toBytes());

        assertThat(decoded).isEqualTo(original);
        assertThat(decoded.pairs()).hasSize(3);
        assertThat(decoded.between(0, 2).affine()).isNull();
        assertThat(decoded.between(0, 1).size()).isEqualTo(5);
    }

    @Test
    void sameMatchesGiveSameBytes() {
        byte[] first = clip().toBytes();
        byte[] second = clip().toBytes();

        assertThat(second).isEqualTo(first);
        assertThat(Arrays.copyOf(first, 4)).isEqualTo("ADCM".getBytes());
        assertThat(ByteBuffer.wrap(first, 4, 4).getInt()).isEqualTo(1);
    }

    @Test
    void rejectsCorruptOrTruncatedBytes() {
        byte[] good = clip().toBytes();

        byte[] flipped = good.clone();
        flipped[40] ^= 0x10;
        assertRejected(flipped, "checksum");
        assertRejected(Arrays.copyOf(good, good.length - 7), "checksum");
        assertRejected(Arrays.copyOf(good, 6), "truncated");
        assertRejected(new byte[0], "truncated");
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertRejected(badMagic, "magic");
        byte[] future = good.clone();
        ByteBuffer.wrap(future).putInt(4, 2);
        assertRejected(future, "unsupported version 2");
        assertThatThrownBy(() -> ClipMatches.fromBytes(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsWellSealedButInconsistentContent() throws IOException {
        // a valid checksum over a pair claiming more matches than there are bytes
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        out.write("ADCM".getBytes());
        out.writeInt(1);
        out.writeInt(1);
        out.writeInt(0);
        out.writeInt(1);
        out.writeInt(1000);
        out.writeByte(0);
        assertRejected(sealed(body.toByteArray()), "invalid match count");

        // matches without a model
        body.reset();
        out.write("ADCM".getBytes());
        out.writeInt(1);
        out.writeInt(1);
        out.writeInt(0);
        out.writeInt(1);
        out.writeInt(1);
        out.writeByte(0);
        for (int i = 0; i < 5; i++) {
            out.writeFloat(1f);
        }
        assertRejected(sealed(body.toByteArray()), "no affine");

        // trailing garbage after the last pair
        byte[] good = clip().toBytes();
        byte[] longer = Arrays.copyOf(good, good.length - 4 + 3);
        assertRejected(sealed(longer), "trailing");
    }

    @Test
    void betweenGivesTheReverseDirectionOfAStoredPair() {
        ClipMatches clip = clip();
        PairMatches forward = clip.between(0, 1);

        PairMatches backward = clip.between(1, 0);

        assertThat(backward.fromFrame()).isEqualTo(1);
        assertThat(backward.toFrame()).isEqualTo(0);
        assertThat(backward.fromXy()).containsExactly(forward.toXy());
        assertThat(backward.toXy()).containsExactly(forward.fromXy());
        double[] there = forward.mapFrom(100, 50);
        double[] back = backward.mapFrom(there[0], there[1]);
        assertThat(back[0]).isCloseTo(100, within(1e-9));
        assertThat(back[1]).isCloseTo(50, within(1e-9));
        assertThat(clip.between(0, 5)).isNull();
        assertThat(clip.between(2, 0).isEmpty()).isTrue();
    }

    @Test
    void rejectsDuplicatePairsAndInconsistentArrays() {
        assertThatThrownBy(() -> new ClipMatches(List.of(PairMatches.empty(0, 1), PairMatches.empty(0, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate frame pair 0 -> 1");
        assertThatThrownBy(() -> new PairMatches(0, 1, new float[4], new float[2], new float[2], new double[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inconsistent");
    }

    private static byte[] sealed(byte[] withoutChecksum) {
        CRC32 crc = new CRC32();
        crc.update(withoutChecksum);
        return ByteBuffer.allocate(withoutChecksum.length + 4).put(withoutChecksum).putInt((int) crc.getValue()).array();
    }

    private static void assertRejected(byte[] bytes, String reason) {
        assertThatThrownBy(() -> ClipMatches.fromBytes(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
