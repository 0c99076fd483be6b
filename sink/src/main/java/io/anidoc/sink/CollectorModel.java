package io.anidoc.sink;

import io.anidoc.runtime.streams.ShotStatuses;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.ShotState;
import io.anidoc.sink.SinkAction.DeleteClip;
import io.anidoc.sink.SinkAction.Deliver;
import io.anidoc.sink.SinkAction.Emit;
import io.anidoc.sink.SinkAction.PutClip;
import io.anidoc.sink.SinkAction.PutShot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sink's decisions, without a store: given a shot's collected state and one colored clip, the
 * actions to take; given a written delivery, how the shot ends. A shot is delivered once, when its
 * last clip is in; repeated clips change nothing; a delivered shot stays delivered. A clip that
 * contradicts the others throws {@link IllegalArgumentException} naming the problem (the collector
 * dead-letters it).
 */
final class CollectorModel {

    static final String STAGE = "sink";

    private CollectorModel() {
    }

    /** @param shot the shot's state, null when this is its first clip */
    static List<SinkAction> onClip(CollectedShot shot, ClipColorized clip, long nowMs) {
        String shotId = clip.getShotId();
        SafeShotIds.check(shotId);
        int clipCount = clip.getTask().getClipCount();
        int clipIndex = clip.getTask().getClipIndex();
        if (clipCount < 1 || clipIndex < 0 || clipIndex >= clipCount) {
            throw new IllegalArgumentException("clip " + clip.getClipId() + " says it is clip " + clipIndex + " of " + clipCount);
        }
        if (shot != null && shot.finished()) {
            return List.of();
        }
        if (shot == null) {
            shot = new CollectedShot(clipCount, List.of(), false);
        } else if (shot.clipCount() != clipCount) {
            throw new IllegalArgumentException("clip " + clip.getClipId() + " says the shot has " + clipCount
                    + " clips; earlier clips said " + shot.clipCount());
        }
        List<SinkAction> actions = new ArrayList<>();
        if (!shot.clipIds().contains(clip.getClipId())) {
            shot = shot.with(clip.getClipId());
            actions.add(new PutClip(clip));
            actions.add(new PutShot(shotId, shot));
            actions.add(new Emit(shotId, ShotStatuses.of(STAGE, shotId, ShotState.IN_PROGRESS, clip.getClipId(),
                    shot.clipIds().size(), clipCount, "collected " + shot.clipIds().size() + " of " + clipCount + " clips", nowMs)));
        }
        if (shot.complete()) {
            actions.add(new Deliver(shotId, shot));
        }
        return actions;
    }

    /** The clips in delivery order: by clip index, then clip id; a frame in two clips is taken from the first. */
    static List<ClipColorized> deliveryOrder(List<ClipColorized> clips) {
        List<ClipColorized> sorted = new ArrayList<>(clips);
        sorted.sort(Comparator.comparingInt((ClipColorized c) -> c.getTask().getClipIndex()).thenComparing(ClipColorized::getClipId));
        return sorted;
    }

    /** The shot's files are written: announce it once, report it finished, remember it as delivered, forget its clips. */
    static List<SinkAction> delivered(String shotId, CollectedShot shot, ShotFinished finished, long nowMs) {
        List<SinkAction> actions = new ArrayList<>();
        actions.add(new Emit(shotId, finished));
        actions.add(new Emit(shotId, ShotStatuses.of(STAGE, shotId, ShotState.FINISHED, null, shot.clipCount(), shot.clipCount(),
                finished.getFrameCount() + " frames written to " + finished.getOutputDir(), nowMs)));
        actions.add(new PutShot(shotId, shot.asFinished()));
        shot.clipIds().forEach(id -> actions.add(new DeleteClip(id)));
        return actions;
    }
}
