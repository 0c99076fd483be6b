package io.anidoc.core.engine;

import java.util.List;
import java.util.Map;

import org.opencv.core.Mat;

/**
 * A clip as delivered, before normalization.
 *
 * @param drawings        frames to colorize, ascending
 * @param references      keyframes, ascending
 * @param lineImages      line art image (gray, BGR or BGRA) of every drawing and of the references that have one
 * @param referenceColors colored image (BGR or BGRA) of every reference
 * @param sheets          model sheets (BGR or BGRA, any size) by name; a clip without references is colored from them
 */
public record ClipInput(List<Integer> drawings, List<Integer> references, Map<Integer, Mat> lineImages,
                        Map<Integer, Mat> referenceColors, Map<String, Mat> sheets) {

    public ClipInput(List<Integer> drawings, List<Integer> references, Map<Integer, Mat> lineImages,
                     Map<Integer, Mat> referenceColors) {
        this(drawings, references, lineImages, referenceColors, Map.of());
    }

    public ClipInput {
        drawings = List.copyOf(drawings);
        references = List.copyOf(references);
        lineImages = Map.copyOf(lineImages);
        referenceColors = Map.copyOf(referenceColors);
        sheets = Map.copyOf(sheets);
        if (references.isEmpty() && sheets.isEmpty()) {
            throw new IllegalArgumentException("a clip needs at least one reference or model sheet");
        }
        for (int d : drawings) {
            if (!lineImages.containsKey(d)) {
                throw new IllegalArgumentException("no line art for drawing " + d);
            }
        }
        for (int r : references) {
            if (!referenceColors.containsKey(r)) {
                throw new IllegalArgumentException("no colored image for reference " + r);
            }
        }
    }
}
