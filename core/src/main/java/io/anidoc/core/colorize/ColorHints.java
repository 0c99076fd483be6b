package io.anidoc.core.colorize;

import java.util.Map;

import org.opencv.core.Mat;

/**
 * Colors proposed for the drawings by another colorizer (a diffusion model, say), used as one
 * more vote source: every pixel of a drawing votes for the palette color nearest its proposed
 * color, so the proposal is snapped per region to the reference palette and weighed against the
 * correspondences.
 *
 * @param colorsByFrame BGR image of the drawing's size, per drawing; drawings without one get no hint votes
 * @param weight        weight of a hint vote relative to a fully confident vote of the references
 *                      (whose weights add up to 1 per pixel)
 */
public record ColorHints(Map<Integer, Mat> colorsByFrame, double weight) {

    public ColorHints {
        colorsByFrame = Map.copyOf(colorsByFrame);
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("hint weight must be a finite value >= 0, got " + weight);
        }
        for (Map.Entry<Integer, Mat> entry : colorsByFrame.entrySet()) {
            if (entry.getValue().channels() != 3) {
                throw new IllegalArgumentException("hint colors of frame " + entry.getKey() + " must be BGR");
            }
        }
    }

    /** No hints: the colorizer runs on the correspondences alone. */
    public static ColorHints none() {
        return new ColorHints(Map.of(), 0);
    }

    /** The hint of a drawing, or null. */
    public Mat colors(int frame) {
        return colorsByFrame.get(frame);
    }
}
