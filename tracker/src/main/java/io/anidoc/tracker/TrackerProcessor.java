package io.anidoc.tracker;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.pipeline.NativeImages;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.stage.ClipRef;
import io.anidoc.runtime.stage.ClipTaskFrames;
import io.anidoc.runtime.stage.StageMillis;
import io.anidoc.runtime.stage.StageOutput;
import io.anidoc.runtime.stage.StageProcessor;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.ClipTracked;

import java.io.IOException;
import java.util.Objects;

/**
 * The tracker stage: expands the clip's sparse matches into dense correspondences through the
 * clip; the dense fields go to the blob store, their reference on to the colorizer.
 */
public final class TrackerProcessor implements StageProcessor<ClipMatched, ClipTracked> {

    public static final String STAGE = "tracker";
    public static final String ENGINE = "cpu-dis";
    public static final String DENSE_MEDIA_TYPE = "application/x-anidoc-dense";

    private final ClipEngine engine;
    private final BlobStore blobs;

    public TrackerProcessor(ClipEngine engine, BlobStore blobs) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    @Override
    public StageOutput<ClipTracked> process(ClipMatched matched) throws IOException {
        long start = System.nanoTime();
        ClipTask task = matched.getTask();
        ClipMatches matches = ClipMatches.fromBytes(blobs.get(matched.getMatches()));
        ClipFrames frames = ClipTaskFrames.prepare(engine, task, blobs);
        BlobRef dense;
        try {
            dense = blobs.put(engine.track(frames, matches).toBytes(), DENSE_MEDIA_TYPE);
        } finally {
            NativeImages.release(frames);
        }
        return StageOutput.of(matched.getClipId(), ClipTracked.newBuilder()
                .setClipId(matched.getClipId())
                .setShotId(matched.getShotId())
                .setTask(task)
                .setMatches(matched.getMatches())
                .setDense(dense)
                .setEngine(ENGINE)
                .setStageMillis(StageMillis.after(matched.getStageMillis(), STAGE, start))
                .build());
    }

    @Override
    public ClipRef describe(ClipMatched matched) {
        return new ClipRef(matched.getShotId(), matched.getClipId(), matched.getTask().getClipCount());
    }
}
