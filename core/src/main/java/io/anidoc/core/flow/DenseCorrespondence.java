package io.anidoc.core.flow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The dense correspondences of one clip: flow fields between frames (drawing to reference, and
 * between neighbouring drawings), all on one grid.
 *
 * <p>Binary form: magic {@code ADDC}, a format version, then a deflated body (frame and grid size,
 * field count, and per field its frames, row-delta coded displacements and confidences). The same
 * correspondence always gives the same bytes.
 */
public final class DenseCorrespondence {
    private static final byte[] MAGIC = "ADDC".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT_VERSION = 1;
    private static final int MAX_FIELDS = 1 << 16;

    private final int width;
    private final int height;
    private final int gridWidth;
    private final int gridHeight;
    private final List<FlowField> fields;

    public DenseCorrespondence(int width, int height, int gridWidth, int gridHeight, List<FlowField> fields) {
        if (width < 1 || height < 1 || gridWidth < 1 || gridHeight < 1) {
            throw new IllegalArgumentException("frame and grid sizes must be positive");
        }
        List<FlowField> sorted = new ArrayList<>(fields);
        sorted.sort(Comparator.comparingInt(FlowField::from).thenComparingInt(FlowField::to));
        for (int i = 0; i < sorted.size(); i++) {
            FlowField f = sorted.get(i);
            if (f.gridWidth() != gridWidth || f.gridHeight() != gridHeight) {
                throw new IllegalArgumentException("field " + f.from() + "->" + f.to() + " is not on the " + gridWidth + "x" + gridHeight + " grid");
            }
            if (i > 0 && sorted.get(i - 1).from() == f.from() && sorted.get(i - 1).to() == f.to()) {
                throw new IllegalArgumentException("two fields for " + f.from() + "->" + f.to());
            }
        }
        this.width = width;
        this.height = height;
        this.gridWidth = gridWidth;
        this.gridHeight = gridHeight;
        this.fields = List.copyOf(sorted);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int gridWidth() {
        return gridWidth;
    }

    public int gridHeight() {
        return gridHeight;
    }

    /** Fields ordered by (from, to). */
    public List<FlowField> fields() {
        return fields;
    }

    /** The field from one frame to another, or null. */
    public FlowField field(int from, int to) {
        for (FlowField f : fields) {
            if (f.from() == from && f.to() == to) {
                return f;
            }
        }
        return null;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            bytes.write(MAGIC);
            DataOutputStream header = new DataOutputStream(bytes);
            header.writeInt(FORMAT_VERSION);
            header.flush();
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes, deflater, 1 << 16))) {
                out.writeInt(width);
                out.writeInt(height);
                out.writeInt(gridWidth);
                out.writeInt(gridHeight);
                out.writeInt(fields.size());
                for (FlowField f : fields) {
                    out.writeInt(f.from());
                    out.writeInt(f.to());
                    writeDeltas(out, f.dx(), gridWidth);
                    writeDeltas(out, f.dy(), gridWidth);
                    out.write(f.confidence());
                }
            } finally {
                deflater.end();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static DenseCorrespondence fromBytes(byte[] data) {
        if (data == null || data.length < MAGIC.length + 4) {
            throw new IllegalArgumentException("dense correspondence data is too short");
        }
        if (!Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not dense correspondence data (bad magic)");
        }
        int version = ((data[4] & 0xff) << 24) | ((data[5] & 0xff) << 16) | ((data[6] & 0xff) << 8) | (data[7] & 0xff);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported dense correspondence format version " + version);
        }
        Inflater inflater = new Inflater();
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(
                new ByteArrayInputStream(data, 8, data.length - 8), inflater, 1 << 16))) {
            int width = in.readInt();
            int height = in.readInt();
            int gw = in.readInt();
            int gh = in.readInt();
            int count = in.readInt();
            if (width < 1 || height < 1 || gw < 1 || gh < 1 || (long) gw * gh > (1L << 26) || count < 0 || count > MAX_FIELDS) {
                throw new IllegalArgumentException("corrupt dense correspondence header");
            }
            int n = gw * gh;
            List<FlowField> fields = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                int from = in.readInt();
                int to = in.readInt();
                short[] dx = readDeltas(in, n, gw);
                short[] dy = readDeltas(in, n, gw);
                byte[] conf = new byte[n];
                in.readFully(conf);
                fields.add(new FlowField(from, to, gw, gh, dx, dy, conf));
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("trailing data after dense correspondence fields");
            }
            return new DenseCorrespondence(width, height, gw, gh, fields);
        } catch (EOFException e) {
            throw new IllegalArgumentException("truncated dense correspondence data", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt dense correspondence data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** Each value minus its left neighbour (the first of a row minus the one above): smooth flow packs small. */
    private static void writeDeltas(DataOutputStream out, short[] values, int rowWidth) throws IOException {
        byte[] buf = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            int prev = i % rowWidth != 0 ? values[i - 1] : (i >= rowWidth ? values[i - rowWidth] : 0);
            int d = (short) (values[i] - prev);
            buf[2 * i] = (byte) (d >> 8);
            buf[2 * i + 1] = (byte) d;
        }
        out.write(buf);
    }

    private static short[] readDeltas(DataInputStream in, int n, int rowWidth) throws IOException {
        byte[] buf = new byte[n * 2];
        in.readFully(buf);
        short[] values = new short[n];
        for (int i = 0; i < n; i++) {
            int d = (short) (((buf[2 * i] & 0xff) << 8) | (buf[2 * i + 1] & 0xff));
            int prev = i % rowWidth != 0 ? values[i - 1] : (i >= rowWidth ? values[i - rowWidth] : 0);
            values[i] = (short) (prev + d);
        }
        return values;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DenseCorrespondence d) || d.width != width || d.height != height
                || d.gridWidth != gridWidth || d.gridHeight != gridHeight || d.fields.size() != fields.size()) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            FlowField a = fields.get(i);
            FlowField b = d.fields.get(i);
            if (a.from() != b.from() || a.to() != b.to() || !Arrays.equals(a.dx(), b.dx())
                    || !Arrays.equals(a.dy(), b.dy()) || !Arrays.equals(a.confidence(), b.confidence())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 31 * width + height;
        for (FlowField f : fields) {
            h = 31 * h + 17 * f.from() + f.to();
            h = 31 * h + Arrays.hashCode(f.dx());
        }
        return h;
    }
}
