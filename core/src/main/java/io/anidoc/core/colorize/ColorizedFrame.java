package io.anidoc.core.colorize;

import org.opencv.core.Mat;

/**
 * One finished frame.
 *
 * @param color     final frame, BGR: fill with the main lines multiplied over it
 * @param lines     line layer, BGRA: black main lines, opacity from their darkness
 * @param fill      flat fill without lines, BGR, palette colors only
 * @param reference true when the frame is a reference passed through as given
 */
public record ColorizedFrame(int frame, Mat color, Mat lines, Mat fill, boolean reference) {

    public void release() {
        color.release();
        lines.release();
        fill.release();
    }
}
