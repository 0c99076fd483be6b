package io.anidoc.ingest.state;

import java.util.List;

/**
 * A consistent snapshot of what ingest knows about a shot.
 *
 * @param width           width of the shot's frames, 0 before the first one arrived
 * @param height          height of the shot's frames, 0 before the first one arrived
 * @param linesReceived   accepted line art images (including optional ones of keyframes)
 * @param keysReceived    accepted colored keyframes
 * @param keyframeLines   keyframe indices that came with their own line art, ascending
 */
public record ShotSummary(String shotId, ShotDeclaration declaration, boolean sealed, int width, int height,
                         int linesReceived, int keysReceived, List<Integer> keyframeLines, MissingFrames missing) {

    public ShotSummary {
        keyframeLines = List.copyOf(keyframeLines);
    }

    public boolean hasDimensions() {
        return width > 0 && height > 0;
    }
}
