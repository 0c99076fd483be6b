package io.anidoc.core.pipeline;

import java.util.List;

import org.opencv.core.Mat;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.colorize.ColorizedFrame;
import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.lineart.LineArt;

/**
 * Frees the native memory of a clip's images as soon as a long-running service is done with
 * them, instead of waiting for the garbage collector. Releasing twice is harmless.
 */
public final class NativeImages {

    private NativeImages() {
    }

    public static void release(ClipInput input) {
        input.lineImages().values().forEach(Mat::release);
        input.referenceColors().values().forEach(Mat::release);
        input.sheets().values().forEach(Mat::release);
    }

    public static void release(ClipFrames frames) {
        frames.lineArt().values().forEach(LineArt::release);
        frames.referenceColors().values().forEach(Mat::release);
        frames.sheets().values().forEach(Mat::release);
    }

    public static void release(List<ColorizedFrame> frames) {
        frames.forEach(ColorizedFrame::release);
    }
}
