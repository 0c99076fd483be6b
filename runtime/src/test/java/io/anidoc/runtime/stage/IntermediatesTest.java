package io.anidoc.runtime.stage;

import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.flow.FlowField;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.match.PairMatches;
import io.anidoc.schemas.ClipMatchesBlob;
import io.anidoc.schemas.serde.EventSerdes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntermediatesTest {

    @Test
    void clipMatchesRoundTripValueForValueAndAlwaysGiveTheSameBytes() {
        ClipMatches matches = new ClipMatches(List.of(
                new PairMatches(0, 2, new float[] {1.5f, 2.25f, 100f, 7f}, new float[] {3f, 4f, 101.5f, 6.75f},
                        new float[] {0.9f, 0.125f}, new double[] {1.01, 0.02, 3.5, -0.01, 0.99, -2.25}),
                PairMatches.empty(1, 2)));

        byte[] bytes = Intermediates.encode(matches);
        ClipMatches decoded = Intermediates.decodeMatches(bytes);

        assertThat(decoded.pairs()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            PairMatches a = matches.pairs().get(i);
            PairMatches b = decoded.pairs().get(i);
            assertThat(b.fromFrame()).isEqualTo(a.fromFrame());
            assertThat(b.toFrame()).isEqualTo(a.toFrame());
            assertThat(b.fromXy()).containsExactly(a.fromXy());
            assertThat(b.toXy()).containsExactly(a.toXy());
            assertThat(b.score()).containsExactly(a.score());
            assertThat(Arrays.equals(b.affine(), a.affine())).isTrue();
        }
        assertThat(Intermediates.encode(decoded)).isEqualTo(bytes);
        // Avro single-object encoding, the events' format: marker C3 01, then the schema fingerprint
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
    }

    @Test
    void denseCorrespondencesRoundTripCellForCell() {
        Random random = new Random(7);
        int gw = 13;
        int gh = 9;
        short[] dx = new short[gw * gh];
        short[] dy = new short[gw * gh];
        byte[] confidence = new byte[gw * gh];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = (short) (random.nextInt(65536) - 32768);
            dy[i] = (short) (i % gw * 8 - 40);
            confidence[i] = (byte) random.nextInt(256);
        }
        short[] still = new short[gw * gh];
        DenseCorrespondence dense = new DenseCorrespondence(104, 72, gw, gh, List.of(
                new FlowField(2, 0, gw, gh, dx, dy, confidence),
                new FlowField(1, 0, gw, gh, still, still, new byte[gw * gh])));

        byte[] bytes = Intermediates.encode(dense);
        DenseCorrespondence decoded = Intermediates.decodeDense(bytes);

        assertThat(decoded).isEqualTo(dense);
        assertThat(decoded.field(2, 0).confidence()).containsExactly(confidence);
        assertThat(Intermediates.encode(decoded)).isEqualTo(bytes);
    }

    @Test
    void badBytesFailNamingTheProblem() {
        assertThatThrownBy(() -> Intermediates.decodeMatches(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("clip matches: ")
                .hasMessageContaining("not Avro single-object encoded");
        byte[] matches = Intermediates.encode(new ClipMatches(List.of(PairMatches.empty(0, 1))));
        assertThatThrownBy(() -> Intermediates.decodeDense(matches))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dense correspondence: ")
                .hasMessageContaining("schema this reader does not know");
        byte[] truncated = Arrays.copyOf(matches, matches.length - 1);
        assertThatThrownBy(() -> Intermediates.decodeMatches(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("corrupt or truncated");
    }

    @Test
    void inconsistentMatchesAreRefusedWithThePair() {
        ClipMatchesBlob blob = ClipMatchesBlob.newBuilder().setPairs(List.of(io.anidoc.schemas.PairMatchesBlob.newBuilder()
                .setFromFrame(0).setToFrame(3).setFromXy(List.of(1f, 2f)).setToXy(List.of(1f, 2f))
                .setScore(List.of(Float.NaN)).setAffine(List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0)).build())).build();
        byte[] bytes = EventSerdes.of(ClipMatchesBlob.class).serialize(null, blob);

        assertThatThrownBy(() -> Intermediates.decodeMatches(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clip matches: pair 0 -> 3: a non-finite value");
    }

    @Test
    void aFieldWhoseCellsDoNotFillTheGridIsRefused() {
        DenseCorrespondence small = new DenseCorrespondence(8, 8, 2, 2, List.of(
                new FlowField(1, 0, 2, 2, new short[4], new short[4], new byte[4])));
        io.anidoc.schemas.DenseCorrespondenceBlob blob = EventSerdes.of(io.anidoc.schemas.DenseCorrespondenceBlob.class)
                .deserialize(null, Intermediates.encode(small));
        blob.setGridWidth(3);
        byte[] wrongGrid = EventSerdes.of(io.anidoc.schemas.DenseCorrespondenceBlob.class).serialize(null, blob);

        assertThatThrownBy(() -> Intermediates.decodeDense(wrongGrid))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dense correspondence: field 1 -> 0 dx: holds 8 bytes where the grid needs 12");
    }
}
