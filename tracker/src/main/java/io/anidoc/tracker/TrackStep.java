package io.anidoc.tracker;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.stage.ClipStep;
import io.anidoc.runtime.stage.Intermediates;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.ClipTracked;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The tracker stage: expands the clip's sparse matches into dense correspondences through the
 * clip; the dense fields go to the blob store, their reference on to the colorizer.
 */
final class TrackStep implements ClipStep<ClipMatched, ClipTracked> {

    private final TrackEngine tracker;

    TrackStep(TrackEngine tracker) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    @Override
    public ClipTask task(ClipMatched matched) {
        return matched.getTask();
    }

    @Override
    public Map<String, Long> earlierMillis(ClipMatched matched) {
        return matched.getStageMillis();
    }

    @Override
    public ClipTracked run(ClipMatched matched, ClipFrames frames, BlobStore blobs,
                           Supplier<Map<String, Long>> stageMillis) throws Exception {
        return ClipTracked.newBuilder()
                .setClipId(matched.getClipId())
                .setShotId(matched.getShotId())
                .setTask(matched.getTask())
                .setMatches(matched.getMatches())
                .setDense(Intermediates.putDense(blobs,
                        tracker.track(frames, Intermediates.matches(blobs, matched.getMatches()))))
                .setEngine(tracker.name())
                .setStageMillis(stageMillis.get())
                .build();
    }
}
