package io.anidoc.matcher;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
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

import java.util.Map;
import java.util.Objects;

/**
 * The matcher stage: normalizes the clip's line art and finds sparse correspondences between the
 * references and every drawing; the matches go to the blob store, their reference on to the tracker.
 */
public final class MatcherProcessor implements StageProcessor<ClipTask, ClipMatched> {

    public static final String STAGE = "matcher";
    /** The engine name of the CPU engine. */
    public static final String ENGINE = CpuMatchEngine.NAME;
    public static final String MATCHES_MEDIA_TYPE = "application/x-anidoc-matches";

    private final ClipEngine engine;
    private final MatchEngine matcher;
    private final BlobStore blobs;

    /** The stage with the CPU engine. */
    public MatcherProcessor(ClipEngine engine, BlobStore blobs) {
        this(engine, new CpuMatchEngine(engine), blobs);
    }

    /**
     * @param engine  prepares the line art, as every stage does
     * @param matcher finds the matches
     */
    public MatcherProcessor(ClipEngine engine, MatchEngine matcher, BlobStore blobs) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    @Override
    public StageOutput<ClipMatched> process(ClipTask task) throws Exception {
        long start = System.nanoTime();
        ClipFrames frames = ClipTaskFrames.prepare(engine, task, blobs);
        BlobRef matches;
        try {
            matches = blobs.put(matcher.match(frames).toBytes(), MATCHES_MEDIA_TYPE);
        } finally {
            NativeImages.release(frames);
        }
        return StageOutput.of(task.getClipId(), ClipMatched.newBuilder()
                .setClipId(task.getClipId())
                .setShotId(task.getShotId())
                .setTask(task)
                .setMatches(matches)
                .setEngine(matcher.name())
                .setStageMillis(StageMillis.after(Map.of(), STAGE, start))
                .build());
    }

    @Override
    public ClipRef describe(ClipTask task) {
        return new ClipRef(task.getShotId(), task.getClipId(), task.getClipCount());
    }
}
