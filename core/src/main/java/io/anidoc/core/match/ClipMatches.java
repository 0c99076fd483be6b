package io.anidoc.core.match;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The verified sparse matches of one clip, one {@link PairMatches} per ordered frame pair.
 *
 * <p>Binary form (big-endian, as {@link DataOutputStream} writes it), version 1:
 * <pre>
 * "ADCM"                 4 bytes magic
 * int version            1
 * int pairCount
 * pairCount times:
 *   int fromFrame, int toFrame, int n
 *   byte hasAffine       0 or 1, then 6 doubles when 1
 *   2n floats fromXy, 2n floats toXy, n floats score
 * int crc32              of every byte before it
 * </pre>
 * The same matches always give the same bytes.
 */
public record ClipMatches(List<PairMatches> pairs) {

    static final byte[] MAGIC = "ADCM".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    public ClipMatches {
        if (pairs == null) {
            throw new IllegalArgumentException("pairs must not be null");
        }
        Set<Long> seen = new HashSet<>();
        for (PairMatches p : pairs) {
            if (p == null) {
                throw new IllegalArgumentException("pairs must not hold null");
            }
            if (!seen.add(key(p.fromFrame(), p.toFrame()))) {
                throw new IllegalArgumentException("duplicate frame pair " + p.fromFrame() + " -> " + p.toFrame());
            }
        }
        pairs = List.copyOf(pairs);
    }

    /**
     * Matches from frame {@code from} to frame {@code to}: the stored pair, else the stored reverse pair
     * seen the other way ({@link PairMatches#inverse()}), else null.
     */
    public PairMatches between(int from, int to) {
        PairMatches reverse = null;
        for (PairMatches p : pairs) {
            if (p.fromFrame() == from && p.toFrame() == to) {
                return p;
            }
            if (p.fromFrame() == to && p.toFrame() == from) {
                reverse = p;
            }
        }
        return reverse == null ? null : reverse.inverse();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + pairs.stream().mapToInt(p -> 40 + 20 * p.size()).sum());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(pairs.size());
            for (PairMatches p : pairs) {
                out.writeInt(p.fromFrame());
                out.writeInt(p.toFrame());
                out.writeInt(p.size());
                out.writeByte(p.affine() == null ? 0 : 1);
                if (p.affine() != null) {
                    for (double v : p.affine()) {
                        out.writeDouble(v);
                    }
                }
                writeFloats(out, p.fromXy());
                writeFloats(out, p.toXy());
                writeFloats(out, p.score());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException naming the problem when the bytes are not a valid version 1 encoding */
    public static ClipMatches fromBytes(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("clip matches: no bytes");
        }
        if (data.length < MAGIC.length + 4) {
            throw new IllegalArgumentException("clip matches: truncated header (" + data.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (data[i] != MAGIC[i]) {
                throw new IllegalArgumentException("clip matches: bad magic, not an ADCM blob");
            }
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("clip matches: unsupported version " + version + " (expected " + VERSION + ")");
        }
        if (data.length < MAGIC.length + 12) {
            throw new IllegalArgumentException("clip matches: truncated (" + data.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 4);
        int stored = ByteBuffer.wrap(data, data.length - 4, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new IllegalArgumentException("clip matches: checksum mismatch (corrupt or truncated data)");
        }
        ByteBuffer body = ByteBuffer.wrap(data, 0, data.length - 4);
        body.position(MAGIC.length + 4);
        try {
            int pairCount = body.getInt();
            // each pair takes at least 13 bytes
            if (pairCount < 0 || pairCount > body.remaining() / 13) {
                throw new IllegalArgumentException("clip matches: invalid pair count " + pairCount);
            }
            List<PairMatches> pairs = new ArrayList<>(pairCount);
            for (int k = 0; k < pairCount; k++) {
                pairs.add(readPair(body, k));
            }
            if (body.hasRemaining()) {
                throw new IllegalArgumentException("clip matches: " + body.remaining() + " unexpected trailing bytes");
            }
            return new ClipMatches(pairs);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("clip matches: truncated data", e);
        }
    }

    private static PairMatches readPair(ByteBuffer in, int index) {
        int from = in.getInt();
        int to = in.getInt();
        int n = in.getInt();
        if (n < 0 || n > in.remaining() / 20) {
            throw new IllegalArgumentException("clip matches: pair " + index + " has invalid match count " + n);
        }
        byte hasAffine = in.get();
        if (hasAffine != 0 && hasAffine != 1) {
            throw new IllegalArgumentException("clip matches: pair " + index + " has invalid affine flag " + hasAffine);
        }
        double[] affine = null;
        if (hasAffine == 1) {
            affine = new double[6];
            for (int i = 0; i < 6; i++) {
                affine[i] = in.getDouble();
                if (!Double.isFinite(affine[i])) {
                    throw new IllegalArgumentException("clip matches: pair " + index + " has a non-finite affine value");
                }
            }
        } else if (n > 0) {
            throw new IllegalArgumentException("clip matches: pair " + index + " has matches but no affine model");
        }
        float[] fromXy = readFloats(in, 2 * n, index);
        float[] toXy = readFloats(in, 2 * n, index);
        float[] score = readFloats(in, n, index);
        return new PairMatches(from, to, fromXy, toXy, score, affine);
    }

    private static float[] readFloats(ByteBuffer in, int count, int index) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.getFloat();
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("clip matches: pair " + index + " has a non-finite value");
            }
        }
        return values;
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static long key(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }
}
