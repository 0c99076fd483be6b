package io.anidoc.core.synth;

import java.util.List;

/** One thing drawn on a cel, in image coordinates, painted in z-order (later items cover earlier ones). */
sealed interface DrawItem {

    /** How wide a main line is along its length: between minWidth and maxWidth, in pixels. */
    record LineStyle(double minWidth, double maxWidth, double waves, double phase) {
    }

    /**
     * A region bordered by a trace line: the part of the enclosing shape inside {@code area} gets
     * {@code color}; the border of {@code area} inside the shape is drawn in {@code traceColor}.
     */
    record Shade(double[] area, int color, int traceColor) {
    }

    /** A closed shape with a flat fill, a black outline and optional shaded sub-regions. */
    record Filled(double[] outline, int color, List<Shade> shades, LineStyle style) implements DrawItem {
    }

    /** A black line that closes no region (a mouth, an eyebrow, a horizon). */
    record OpenLine(double[] path, LineStyle style) implements DrawItem {
    }
}
