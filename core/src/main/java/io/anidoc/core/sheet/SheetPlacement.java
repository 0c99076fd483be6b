package io.anidoc.core.sheet;

import java.util.List;

/**
 * Where a model sheet's figures lie in a drawing, all at one scale: a sheet pixel (sx, sy) of
 * figure {@code f} maps to the drawing pixel ({@code f.x + scale * (sx - box.x)}, {@code f.y + scale * (sy - box.y)}).
 *
 * @param figures the figures found in the drawing, the sheet's main figure first
 * @param cost    fit of the main figure: mean distance between the sheet's lines and the drawing's
 *                lines around it, both ways, in caps (0 = lines on lines, 2 = nothing near); lower fits better
 */
public record SheetPlacement(String sheet, double scale, List<Placed> figures, double cost) {

    public SheetPlacement {
        figures = List.copyOf(figures);
    }

    /**
     * @param figure index of the figure in {@link ModelSheet#figures()}
     * @param x      left of the figure's box in the drawing (pixels)
     * @param y      top of the figure's box in the drawing
     */
    public record Placed(int figure, double x, double y, double cost) {
    }
}
