package io.anidoc.sink;

import java.util.List;

/**
 * The sink's state of one shot (store {@value SinkTopology#SHOTS_STORE}, key shot id).
 *
 * @param clipCount clips the shot was cut into, as the first clip to arrive said
 * @param clipIds   clips received so far, in arrival order
 * @param finished  the shot was delivered: nothing is written or announced for it again
 */
public record CollectedShot(int clipCount, List<String> clipIds, boolean finished) {

    public CollectedShot {
        clipIds = List.copyOf(clipIds);
    }

    CollectedShot with(String clipId) {
        List<String> more = new java.util.ArrayList<>(clipIds);
        more.add(clipId);
        return new CollectedShot(clipCount, more, false);
    }

    CollectedShot asFinished() {
        return new CollectedShot(clipCount, clipIds, true);
    }

    boolean complete() {
        return clipIds.size() >= clipCount;
    }
}
