package io.anidoc.core.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import io.anidoc.core.colorize.FrameConfidence;

/**
 * Whether the confidence layer points a painter at the mistakes: over the scored (non-line, non-key)
 * pixels of a shot, the share of wrong pixels that lie in flagged regions (confidence below
 * {@link FrameConfidence#UNCERTAIN_BELOW}), and the flagged area relative to the wrong area. A painter
 * who checks only flagged regions catches {@code caught} of the mistakes and looks at {@code flaggedToWrong}
 * times as much area as is wrong. Target: caught >= {@link #MIN_CAUGHT} with flaggedToWrong <= {@link #MAX_FLAGGED_TO_WRONG}.
 *
 * @param wrong   scored pixels predicted wrong
 * @param flagged scored pixels in flagged regions
 * @param caught  wrong pixels in flagged regions
 * @param scored  scored pixels
 */
public record ConfidenceCheck(long scored, long wrong, long flagged, long caught) {
    public static final double MIN_CAUGHT = 0.8;
    public static final double MAX_FLAGGED_TO_WRONG = 3.0;

    /** Null when the prediction has no confidence layer ({@code OUT/confidence/}). */
    public static ConfidenceCheck of(Path predOut, Path gtDir) {
        Path layerDir = predOut.resolve("confidence");
        if (!Files.isDirectory(layerDir)) {
            return null;
        }
        long scored = 0;
        long wrong = 0;
        long flagged = 0;
        long caught = 0;
        for (Map.Entry<Integer, Path> entry : FrameFiles.scoredTruths(gtDir).entrySet()) {
            String name = entry.getValue().getFileName().toString();
            ColorFrame truth = ColorFrame.read(entry.getValue());
            ColorFrame prediction = ColorFrame.read(predOut.resolve("color").resolve(name));
            ColorFrame confidence = ColorFrame.read(layerDir.resolve(name));
            for (int i = 0; i < truth.pixels(); i++) {
                if (!truth.isNonLine(i)) {
                    continue;
                }
                scored++;
                boolean isWrong = !ColorFrame.close(prediction, truth, i);
                boolean isFlagged = (confidence.bgr()[3 * i] & 0xff) < FrameConfidence.UNCERTAIN_BELOW;
                wrong += isWrong ? 1 : 0;
                flagged += isFlagged ? 1 : 0;
                caught += isWrong && isFlagged ? 1 : 0;
            }
        }
        return new ConfidenceCheck(scored, wrong, flagged, caught);
    }

    /** Share of the wrong pixels inside flagged regions (1 when nothing is wrong). */
    public double caughtShare() {
        return wrong == 0 ? 1.0 : (double) caught / wrong;
    }

    /** Flagged area over wrong area (0 when nothing is flagged, infinite when flags exist but nothing is wrong). */
    public double flaggedToWrong() {
        return flagged == 0 ? 0 : wrong == 0 ? Double.POSITIVE_INFINITY : (double) flagged / wrong;
    }

    public boolean passes() {
        return caughtShare() >= MIN_CAUGHT && flaggedToWrong() <= MAX_FLAGGED_TO_WRONG;
    }

    public String summary() {
        return String.format(Locale.ROOT,
                "confidence: flagged regions hold %.1f%% of the wrong pixels (target >= %.0f%%) and cover %.2fx the wrong area"
                        + " (target <= %.1fx): %s",
                100 * caughtShare(), 100 * MIN_CAUGHT, flaggedToWrong(), MAX_FLAGGED_TO_WRONG, passes() ? "met" : "not met");
    }
}
