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

import java.util.Objects;

/**
 * The tracker stage: expands the clip's sparse matches into dense correspondences through the
 * clip; the dense fields go to the blob store, their reference on to the colorizer.
 */
public final class TrackerProcessor implements StageProcessor<ClipMatched, ClipTracked> {

    public static final String STAGE = "tracker";
    /** The engine name of the CPU engine. */
    public static final String ENGINE = CpuTrackEngine.NAME;
    public static final String DENSE_MEDIA_TYPE = "application/x-anidoc-dense";

    private final ClipEngine engine;
    private final TrackEngine tracker;
    private final BlobStore blobs;

    /** The stage with the CPU engine. */
    public TrackerProcessor(ClipEngine engine, BlobStore blobs) {
        this(engine, new CpuTrackEngine(engine), blobs);
    }

    /**
     * @param engine  prepares the line art, as every stage does
     * @param tracker computes the dense correspondences
     */
    public TrackerProcessor(ClipEngine engine, TrackEngine tracker, BlobStore blobs) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    @Override
    public StageOutput<ClipTracked> process(ClipMatched matched) throws Exception {
        long start = System.nanoTime();
        ClipTask task = matched.getTask();
        ClipMatches matches = ClipMatches.fromBytes(blobs.get(matched.getMatches()));
        ClipFrames frames = ClipTaskFrames.prepare(engine, task, blobs);
        BlobRef dense;
        try {
            dense = blobs.put(tracker.track(frames, matches).toBytes(), DENSE_MEDIA_TYPE);
        } finally {
            NativeImages.release(frames);
        }
        return StageOutput.of(matched.getClipId(), ClipTracked.newBuilder()
                .setClipId(matched.getClipId())
                .setShotId(matched.getShotId())
                .setTask(task)
                .setMatches(matched.getMatches())
                .setDense(dense)
                .setEngine(tracker.name())
                .setStageMillis(StageMillis.after(matched.getStageMillis(), STAGE, start))
                .build());
    }

    @Override
    public ClipRef describe(ClipMatched matched) {
        return new ClipRef(matched.getShotId(), matched.getClipId(), matched.getTask().getClipCount());
    }
}
