package io.anidoc.core.flow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The dense correspondences of one clip: flow fields between frames (drawing to reference, and
 * between neighbouring drawings), all on one grid.
 *
 * <p>Stages hand it on as the versioned Avro record {@code DenseCorrespondenceBlob} (module
 * runtime, {@code Intermediates}).
 */
public final class DenseCorrespondence {
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
