package io.anidoc.core.colorize;

import org.opencv.core.Mat;

/**
 * One finished frame.
 *
 * @param color     final frame, BGR: fill with the main lines multiplied over it
 * @param lines     line layer, BGRA: black main lines, opacity from their darkness
 * @param fill      flat fill without lines, BGR, palette colors only
 * @param reference  true when the frame is a reference passed through as given
 * @param confidence how sure the engine is of each region, and which regions a painter should check;
 *                   null from an engine that does not estimate it
 */
public record ColorizedFrame(int frame, Mat color, Mat lines, Mat fill, boolean reference, FrameConfidence confidence) {

    /** A frame without a confidence estimate. */
    public ColorizedFrame(int frame, Mat color, Mat lines, Mat fill, boolean reference) {
        this(frame, color, lines, fill, reference, null);
    }

    public ColorizedFrame withConfidence(FrameConfidence value) {
        if (confidence != null) {
            confidence.release();
        }
        return new ColorizedFrame(frame, color, lines, fill, reference, value);
    }

    public void release() {
        color.release();
        lines.release();
        fill.release();
        if (confidence != null) {
            confidence.release();
        }
    }
}
