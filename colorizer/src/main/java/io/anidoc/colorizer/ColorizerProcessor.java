package io.anidoc.colorizer;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.image.Images;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.pipeline.NativeImages;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.stage.ClipRef;
import io.anidoc.runtime.stage.ClipTaskFrames;
import io.anidoc.runtime.stage.StageMillis;
import io.anidoc.runtime.stage.StageOutput;
import io.anidoc.runtime.stage.StageProcessor;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.schemas.ColorizedFrame;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The colorizer stage: colors every drawing of the clip from its references through the sparse
 * and dense correspondences. Each frame's color, line and fill layers are stored as PNG blobs
 * encoded with {@link Images#encodePng}, byte for byte what the one-process run writes to disk;
 * references pass through, so the event lists every frame of the clip in index order.
 */
public final class ColorizerProcessor implements StageProcessor<ClipTracked, ClipColorized> {

    public static final String STAGE = "colorizer";
    /** The engine name of the CPU engine. */
    public static final String ENGINE = CpuColorizeEngine.NAME;
    public static final String PNG = "image/png";

    private final ClipEngine engine;
    private final ColorizeEngine colorizer;
    private final BlobStore blobs;

    /** The stage with the CPU engine. */
    public ColorizerProcessor(ClipEngine engine, BlobStore blobs) {
        this(engine, new CpuColorizeEngine(engine), blobs);
    }

    /**
     * @param engine    prepares the line art, as every stage does
     * @param colorizer colors the clip
     */
    public ColorizerProcessor(ClipEngine engine, ColorizeEngine colorizer, BlobStore blobs) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.colorizer = Objects.requireNonNull(colorizer, "colorizer");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    @Override
    public StageOutput<ClipColorized> process(ClipTracked tracked) throws Exception {
        long start = System.nanoTime();
        ClipTask task = tracked.getTask();
        ClipMatches matches = ClipMatches.fromBytes(blobs.get(tracked.getMatches()));
        DenseCorrespondence dense = DenseCorrespondence.fromBytes(blobs.get(tracked.getDense()));
        ClipFrames frames = ClipTaskFrames.prepare(engine, task, blobs);
        List<ColorizedFrame> stored = new ArrayList<>();
        List<io.anidoc.core.colorize.ColorizedFrame> colored = List.of();
        try {
            colored = colorizer.colorize(frames, matches, dense);
            for (io.anidoc.core.colorize.ColorizedFrame frame : colored) {
                ColorizedFrame.Builder event = ColorizedFrame.newBuilder()
                        .setIndex(frame.frame())
                        .setColor(blobs.put(Images.encodePng(frame.color()), PNG))
                        .setLines(blobs.put(Images.encodePng(frame.lines()), PNG))
                        .setFill(blobs.put(Images.encodePng(frame.fill()), PNG));
                if (frame.confidence() != null) {
                    event.setConfidence(blobs.put(Images.encodePng(frame.confidence().layer()), PNG))
                            .setUncertainShare(frame.confidence().uncertainShare())
                            .setUncertainRegions(UncertainRegions.toEvents(frame.confidence().uncertain()));
                }
                stored.add(event.build());
            }
        } finally {
            NativeImages.release(colored);
            NativeImages.release(frames);
        }
        return StageOutput.of(tracked.getClipId(), ClipColorized.newBuilder()
                .setClipId(tracked.getClipId())
                .setShotId(tracked.getShotId())
                .setTask(task)
                .setFrames(stored)
                .setEngine(colorizer.name())
                .setStageMillis(StageMillis.after(tracked.getStageMillis(), STAGE, start))
                // the sink deletes these once the shot is delivered (blob lifecycle)
                .setIntermediates(List.of(tracked.getMatches(), tracked.getDense()))
                .build());
    }

    @Override
    public ClipRef describe(ClipTracked tracked) {
        return new ClipRef(tracked.getShotId(), tracked.getClipId(), tracked.getTask().getClipCount());
    }
}
