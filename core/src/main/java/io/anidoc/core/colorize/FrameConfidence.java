package io.anidoc.core.colorize;

import java.util.List;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import io.anidoc.core.image.Pixels;

/**
 * How sure the engine is of each region of a drawing: the confidence layer (one 0-255 value per
 * region, lines taking their nearest region's), the share of the drawing's area below
 * {@link #UNCERTAIN_BELOW} and the uncertain regions themselves.
 */
public record FrameConfidence(Mat layer, double uncertainShare, List<UncertainRegion> uncertain) {
    /**
     * Regions whose confidence is below this are flagged. Chosen on real shots so that flagged regions
     * hold most of the wrong pixels while covering a few times their area (docs/engine.md).
     */
    public static final int UNCERTAIN_BELOW = 112;

    public FrameConfidence {
        uncertain = List.copyOf(uncertain);
    }

    /** A frame the engine is sure of everywhere (a reference passed through). */
    public static FrameConfidence certain(int w, int h) {
        byte[] all = new byte[w * h];
        java.util.Arrays.fill(all, (byte) 255);
        return new FrameConfidence(Pixels.mat(w, h, CvType.CV_8UC1, all), 0.0, List.of());
    }

    public void release() {
        layer.release();
    }
}
