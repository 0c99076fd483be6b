package io.anidoc.colorizer;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.image.Images;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.stage.ClipStep;
import io.anidoc.runtime.stage.Intermediates;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.schemas.ColorizedFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The colorizer stage: colors every drawing of the clip from its references through the sparse
 * and dense correspondences. Each frame's color, line and fill layers (and confidence, where the
 * engine estimates it) are stored as PNG blobs encoded with {@link Images#encodePng}, byte for
 * byte what the one-process run writes to disk; references pass through, so the event lists
 * every frame of the clip in index order.
 */
public final class ColorizeStep implements ClipStep<ClipTracked, ClipColorized> {

    public static final String PNG = "image/png";

    /** What an engine does to a clip: each frame handed to {@code each} (which owns it) as it is done. */
    interface Coloring {
        void colorize(ClipFrames frames, ClipMatches matches, DenseCorrespondence dense,
                      Consumer<io.anidoc.core.colorize.ColorizedFrame> each) throws Exception;
    }

    private final String engineName;
    private final Coloring coloring;

    ColorizeStep(String engineName, Coloring coloring) {
        this.engineName = Objects.requireNonNull(engineName, "engineName");
        this.coloring = Objects.requireNonNull(coloring, "coloring");
    }

    @Override
    public ClipColorized run(ClipTracked tracked, ClipFrames frames, BlobStore blobs,
                             Supplier<Map<String, Long>> stageMillis) throws Exception {
        List<ColorizedFrame> stored = new ArrayList<>();
        try {
            // each frame is stored and let go as soon as it is finished: the stage holds one frame's
            // layers at a time, not the clip's
            coloring.colorize(frames, Intermediates.matches(blobs, tracked.getMatches()),
                    Intermediates.dense(blobs, tracked.getDense()), frame -> {
                        try {
                            stored.add(store(frame, blobs));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        } finally {
                            frame.release();
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        stored.sort(Comparator.comparingInt(ColorizedFrame::getIndex));
        return ClipColorized.newBuilder()
                .setClipId(tracked.getClipId())
                .setShotId(tracked.getShotId())
                .setTask(tracked.getTask())
                .setFrames(stored)
                .setEngine(engineName)
                .setStageMillis(stageMillis.get())
                // the sink deletes these once the shot is delivered (blob lifecycle)
                .setIntermediates(intermediates(tracked))
                .build();
    }

    /** What the earlier stages stored for this clip alone. */
    private static List<BlobRef> intermediates(ClipTracked tracked) {
        List<BlobRef> made = new ArrayList<>(List.of(tracked.getMatches(), tracked.getDense()));
        made.addAll(tracked.getLineArt());
        return made;
    }

    private static ColorizedFrame store(io.anidoc.core.colorize.ColorizedFrame frame, BlobStore blobs)
            throws IOException {
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
        return event.build();
    }
}
