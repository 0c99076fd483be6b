package io.anidoc.tracker.cotracker;

import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.runtime.triton.ModelParameters;

import java.util.OptionalInt;

/**
 * Frame size of the clip and of the video sent to the model, and the mapping between their pixel
 * coordinates (pixel centres on integer coordinates in both).
 */
record VideoGeometry(int width, int height, int modelWidth, int modelHeight) {

    VideoGeometry {
        if (width < 1 || height < 1 || modelWidth < 1 || modelHeight < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + width + "x" + height + " -> "
                    + modelWidth + "x" + modelHeight);
        }
    }

    /**
     * The size the model declares with its parameters {@code height} and {@code width}; else the
     * clip scaled down so its long side is at most {@code maxSide} (never up).
     */
    static VideoGeometry of(int width, int height, ModelConfig config, int maxSide) {
        OptionalInt declaredHeight = ModelParameters.positiveInt(config, "height");
        OptionalInt declaredWidth = ModelParameters.positiveInt(config, "width");
        if (declaredHeight.isPresent() && declaredWidth.isPresent()) {
            return new VideoGeometry(width, height, declaredWidth.getAsInt(), declaredHeight.getAsInt());
        }
        double scale = Math.min(1.0, (double) maxSide / Math.max(width, height));
        return new VideoGeometry(width, height, Math.max(1, (int) Math.round(width * scale)),
                Math.max(1, (int) Math.round(height * scale)));
    }

    double scaleX() {
        return (double) modelWidth / width;
    }

    double scaleY() {
        return (double) modelHeight / height;
    }

    float toModelX(float x) {
        return (float) ((x + 0.5) * scaleX() - 0.5);
    }

    float toModelY(float y) {
        return (float) ((y + 0.5) * scaleY() - 0.5);
    }

    float fromModelX(float x) {
        return (float) ((x + 0.5) / scaleX() - 0.5);
    }

    float fromModelY(float y) {
        return (float) ((y + 0.5) / scaleY() - 0.5);
    }
}
