package io.anidoc.matcher;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.stage.ClipStep;
import io.anidoc.runtime.stage.Intermediates;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The matcher stage: finds sparse correspondences between the references and every drawing of
 * the clip; the matches go to the blob store, their reference on to the tracker.
 */
final class MatchStep implements ClipStep<ClipTask, ClipMatched> {

    private final MatchEngine matcher;

    MatchStep(MatchEngine matcher) {
        this.matcher = Objects.requireNonNull(matcher, "matcher");
    }

    @Override
    public ClipTask task(ClipTask task) {
        return task;
    }

    @Override
    public Map<String, Long> earlierMillis(ClipTask task) {
        return Map.of();
    }

    @Override
    public ClipMatched run(ClipTask task, ClipFrames frames, BlobStore blobs, Supplier<Map<String, Long>> stageMillis)
            throws Exception {
        return ClipMatched.newBuilder()
                .setClipId(task.getClipId())
                .setShotId(task.getShotId())
                .setTask(task)
                .setMatches(Intermediates.putMatches(blobs, matcher.match(frames)))
                .setEngine(matcher.name())
                .setStageMillis(stageMillis.get())
                .build();
    }
}
