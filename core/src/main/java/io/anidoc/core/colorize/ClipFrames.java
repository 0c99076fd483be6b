package io.anidoc.core.colorize;

import java.util.List;
import java.util.Map;

import org.opencv.core.Mat;

import io.anidoc.core.lineart.LineArt;

/**
 * What the colorizer needs of a clip, normalized.
 *
 * @param drawings        frames to colorize, ascending
 * @param references      colored frames, ascending
 * @param lineArt         line art of every drawing and every reference
 * @param referenceColors BGR image of every reference
 * @param sheets          model sheets by name (BGR on white, any size); a clip without references is colored from them
 */
public record ClipFrames(List<Integer> drawings, List<Integer> references, Map<Integer, LineArt> lineArt,
                         Map<Integer, Mat> referenceColors, Map<String, Mat> sheets) {

    public ClipFrames(List<Integer> drawings, List<Integer> references, Map<Integer, LineArt> lineArt,
                      Map<Integer, Mat> referenceColors) {
        this(drawings, references, lineArt, referenceColors, Map.of());
    }

    public ClipFrames {
        drawings = List.copyOf(drawings);
        references = List.copyOf(references);
        lineArt = Map.copyOf(lineArt);
        referenceColors = Map.copyOf(referenceColors);
        sheets = Map.copyOf(sheets);
        if (references.isEmpty() && sheets.isEmpty()) {
            throw new IllegalArgumentException("a clip needs at least one reference or model sheet");
        }
        for (int f : drawings) {
            if (!lineArt.containsKey(f)) {
                throw new IllegalArgumentException("no line art for drawing " + f);
            }
            if (references.contains(f)) {
                throw new IllegalArgumentException("frame " + f + " is both a drawing and a reference");
            }
        }
        for (int r : references) {
            if (!lineArt.containsKey(r)) {
                throw new IllegalArgumentException("no line art for reference " + r);
            }
            Mat color = referenceColors.get(r);
            if (color == null) {
                throw new IllegalArgumentException("no colors for reference " + r);
            }
            if (color.channels() != 3) {
                throw new IllegalArgumentException("reference " + r + " colors must be BGR");
            }
        }
    }

    /** Drawings and references, ascending. */
    public List<Integer> allFrames() {
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>(drawings);
        all.addAll(references);
        return List.copyOf(all);
    }
}
