package io.anidoc.runtime.stage;

import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.flow.FlowField;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.match.PairMatches;
import io.anidoc.schemas.ClipMatchesBlob;
import io.anidoc.schemas.DenseCorrespondenceBlob;
import io.anidoc.schemas.FieldCompression;
import io.anidoc.schemas.FlowFieldBlob;
import io.anidoc.schemas.serde.EventSerde;
import io.anidoc.schemas.serde.EventSerdes;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntermediatesTest {

    private static final EventSerde<DenseCorrespondenceBlob> DENSE = EventSerdes.of(DenseCorrespondenceBlob.class);

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
    void denseCorrespondencesAreStoredAsZstandardFrames() {
        short[] ramp = new short[64 * 32];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (short) (i % 64 * 16);
        }
        DenseCorrespondence dense = new DenseCorrespondence(256, 128, 64, 32, List.of(
                new FlowField(1, 0, 64, 32, ramp, new short[ramp.length], new byte[ramp.length])));

        DenseCorrespondenceBlob blob = DENSE.deserialize(null, Intermediates.encode(dense));

        assertThat(blob.getCompression()).isEqualTo(FieldCompression.ZSTD);
        assertThat(blob.getSchemaVersion()).isEqualTo(2);
        byte[] dx = new byte[blob.getFields().get(0).getDx().remaining()];
        blob.getFields().get(0).getDx().duplicate().get(dx);
        // Zstandard's frame magic, little-endian 0xFD2FB528; a row of equal steps packs to a few bytes
        assertThat(Arrays.copyOf(dx, 4)).containsExactly(0x28, 0xB5, 0x2F, 0xFD);
        assertThat(dx.length).isLessThan(2 * ramp.length / 20);
    }

    @Test
    void blobsWrittenWithZlibBeforeStillDecode() throws Exception {
        // what the first version of the schema wrote: every field deflated, no compression named
        short[] dx = {5, 6, 7, -3};
        short[] dy = {0, 0, 1, 1};
        byte[] confidence = {(byte) 255, 0, 17, (byte) 128};
        FlowFieldBlob field = FlowFieldBlob.newBuilder().setFromFrame(1).setToFrame(0)
                .setDx(ByteBuffer.wrap(deflate(rowDeltas(dx, 2)))).setDy(ByteBuffer.wrap(deflate(rowDeltas(dy, 2))))
                .setConfidence(ByteBuffer.wrap(deflate(confidence))).build();
        DenseCorrespondenceBlob blob = DenseCorrespondenceBlob.newBuilder().setSchemaVersion(1).setWidth(8).setHeight(8)
                .setGridWidth(2).setGridHeight(2).setFields(List.of(field)).build();
        assertThat(blob.getCompression()).as("the schema's default for blobs that name none").isEqualTo(FieldCompression.DEFLATE);

        DenseCorrespondence decoded = Intermediates.decodeDense(DENSE.serialize(null, blob));

        assertThat(decoded.field(1, 0).dx()).containsExactly(dx);
        assertThat(decoded.field(1, 0).dy()).containsExactly(dy);
        assertThat(decoded.field(1, 0).confidence()).containsExactly(confidence);
    }

    @Test
    void aCorruptZstandardFieldIsRefusedNamingTheField() {
        DenseCorrespondence small = new DenseCorrespondence(8, 8, 2, 2, List.of(
                new FlowField(1, 0, 2, 2, new short[4], new short[4], new byte[4])));
        DenseCorrespondenceBlob blob = DENSE.deserialize(null, Intermediates.encode(small));
        blob.getFields().get(0).setConfidence(ByteBuffer.wrap(new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 1, 2}));
        byte[] corrupt = DENSE.serialize(null, blob);

        assertThatThrownBy(() -> Intermediates.decodeDense(corrupt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dense correspondence: field 1 -> 0 confidence: corrupt compressed data");
    }

    /** Each value minus its left neighbour (the first of a row minus the one above), big-endian: the stored coding. */
    private static byte[] rowDeltas(short[] values, int rowWidth) {
        byte[] bytes = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            int previous = i % rowWidth > 0 ? values[i - 1] : (i >= rowWidth ? values[i - rowWidth] : 0);
            int d = (short) (values[i] - previous);
            bytes[2 * i] = (byte) (d >> 8);
            bytes[2 * i + 1] = (byte) d;
        }
        return bytes;
    }

    private static byte[] deflate(byte[] raw) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream stream = new java.util.zip.DeflaterOutputStream(out)) {
            stream.write(raw);
        }
        return out.toByteArray();
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
