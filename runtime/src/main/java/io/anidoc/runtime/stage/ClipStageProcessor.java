package io.anidoc.runtime.stage;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.pipeline.NativeImages;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.schemas.ClipTask;
import org.apache.avro.specific.SpecificRecord;

import java.util.Objects;

/**
 * A stage that works on one clip per record, the same way for every stage: the clip's line art is
 * read from the blob store and prepared by the engine as in the one-process run (or taken as an
 * earlier stage prepared it, when the input hands it on), the
 * {@link ClipStep} runs on it, the output is keyed by the clip id and carries the stage's time.
 */
public final class ClipStageProcessor<I extends SpecificRecord, O extends SpecificRecord> implements StageProcessor<I, O> {

    private final StageModule<I, O> module;
    private final ClipEngine engine;
    private final BlobStore blobs;
    private final ClipStep<I, O> step;

    /** @param engine prepares the line art, as every stage does */
    public ClipStageProcessor(StageModule<I, O> module, ClipEngine engine, BlobStore blobs, ClipStep<I, O> step) {
        this.module = Objects.requireNonNull(module, "module");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.step = Objects.requireNonNull(step, "step");
    }

    @Override
    public StageOutput<O> process(I input) throws Exception {
        long start = System.nanoTime();
        ClipTask task = module.task().apply(input);
        ClipFrames frames = ClipTaskFrames.prepare(engine, task, module.lineArt().apply(input), blobs);
        try {
            return StageOutput.of(task.getClipId(), step.run(input, frames, blobs,
                    () -> StageMillis.after(module.earlierMillis().apply(input), module.stage(), start)));
        } finally {
            NativeImages.release(frames);
        }
    }

    @Override
    public ClipRef describe(I input) {
        ClipTask task = module.task().apply(input);
        return new ClipRef(task.getShotId(), task.getClipId(), task.getClipCount());
    }
}
