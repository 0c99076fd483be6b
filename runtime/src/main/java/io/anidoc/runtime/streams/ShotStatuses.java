package io.anidoc.runtime.streams;

import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;

/** Builds the progress events every stage writes on the status topic. */
public final class ShotStatuses {

    private ShotStatuses() {
    }

    /** @param clipId the clip the event is about, or null for the whole shot */
    public static ShotStatus of(String stage, String shotId, ShotState state, String clipId, int completed, int total,
                                String message, long atMs) {
        return ShotStatus.newBuilder()
                .setShotId(shotId)
                .setStage(stage)
                .setState(state)
                .setClipId(clipId)
                .setCompleted(completed)
                .setTotal(total)
                .setMessage(message)
                .setAtMs(atMs)
                .build();
    }
}
