package io.anidoc.runtime.stage;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.runtime.blob.BlobStore;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The part of a clip stage that differs from stage to stage: what it reads besides the clip's
 * frames, which engine it runs and which event it builds. The {@link ClipStageProcessor} around
 * it prepares the frames, releases them, keys the output by clip and times the stage.
 * Implementations are thread-safe and idempotent (see {@link StageProcessor}).
 *
 * @param <I> the input event
 * @param <O> the output event
 */
@FunctionalInterface
public interface ClipStep<I, O> {

    /**
     * Runs the engine on the clip's prepared frames (released by the caller) and builds the output.
     *
     * @param blobs       where the stage reads its other inputs and stores its results
     * @param stageMillis the earlier stages' times and this stage's, measured when called
     */
    O run(I input, ClipFrames frames, BlobStore blobs, Supplier<Map<String, Long>> stageMillis) throws Exception;
}
