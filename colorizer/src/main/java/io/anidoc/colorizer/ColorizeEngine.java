package io.anidoc.colorizer;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.colorize.ColorizedFrame;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.match.ClipMatches;

import java.util.List;
import java.util.function.Consumer;

/**
 * Colors every drawing of a clip: references (passed through) and drawings, in frame order, each
 * with its color, line and fill layers. Implementations are thread-safe.
 */
public interface ColorizeEngine {

    /** The engine name of the CPU engine. */
    String CPU = "cpu-regions";

    /** The engine's name in the {@code ClipColorized} event, e.g. {@code cpu-regions}. */
    String name();

    List<ColorizedFrame> colorize(ClipFrames frames, ClipMatches matches, DenseCorrespondence dense) throws Exception;

    /**
     * Hands each frame to {@code each}, which owns it, in no set order. An engine that finishes frames
     * one by one hands each over as soon as it is done; this one colors the whole clip first.
     */
    default void colorize(ClipFrames frames, ClipMatches matches, DenseCorrespondence dense,
                          Consumer<ColorizedFrame> each) throws Exception {
        for (ColorizedFrame frame : colorize(frames, matches, dense)) {
            each.accept(frame);
        }
    }
}
