package io.anidoc.sink;

import io.anidoc.runtime.streams.DeadLetters;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.ShotState;
import io.anidoc.runtime.streams.ShotStatuses;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Collects the colored clips of each shot (records keyed by shot id) and, when the last one is in,
 * writes the deliverables and announces the shot exactly once. Repeated clips are ignored; a shot
 * that was delivered stays delivered. When writing fails (a blob is missing, the disk is full) the
 * clips stay collected, the failure is reported, and a replayed clip of the shot tries again.
 */
final class ShotCollector implements Processor<String, ClipColorized, String, SpecificRecord> {

    static final String STAGE = "sink";
    private static final Logger LOG = LoggerFactory.getLogger(ShotCollector.class);

    private final DeliveryWriter writer;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, CollectedShot> shots;
    private KeyValueStore<String, ClipColorized> clips;

    ShotCollector(DeliveryWriter writer) {
        this.writer = writer;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.shots = context.getStateStore(SinkTopology.SHOTS_STORE);
        this.clips = context.getStateStore(SinkTopology.CLIPS_STORE);
    }

    @Override
    public void process(Record<String, ClipColorized> record) {
        ClipColorized clip = record.value();
        if (clip == null) {
            return;
        }
        try {
            collect(record, clip);
        } catch (RuntimeException e) {
            deadLetter(record, e);
        }
    }

    private void collect(Record<String, ClipColorized> record, ClipColorized clip) {
        String shotId = clip.getShotId();
        SafeShotIds.check(shotId);
        int clipCount = clip.getTask().getClipCount();
        int clipIndex = clip.getTask().getClipIndex();
        if (clipCount < 1 || clipIndex < 0 || clipIndex >= clipCount) {
            throw new IllegalArgumentException("clip " + clip.getClipId() + " says it is clip " + clipIndex + " of "
                    + clipCount);
        }
        CollectedShot shot = shots.get(shotId);
        if (shot != null && shot.finished()) {
            LOG.debug("clip {} of delivered shot {} ignored", clip.getClipId(), shotId);
            return;
        }
        if (shot == null) {
            shot = new CollectedShot(clipCount, List.of(), false);
        } else if (shot.clipCount() != clipCount) {
            throw new IllegalArgumentException("clip " + clip.getClipId() + " says the shot has " + clipCount
                    + " clips; earlier clips said " + shot.clipCount());
        }
        if (!shot.clipIds().contains(clip.getClipId())) {
            clips.put(clip.getClipId(), clip);
            shot = shot.with(clip.getClipId());
            shots.put(shotId, shot);
            forward(record, shotId, status(shotId, ShotState.IN_PROGRESS, clip.getClipId(),
                    shot.clipIds().size(), clipCount, "collected " + shot.clipIds().size() + " of " + clipCount + " clips"));
        }
        if (shot.complete()) {
            deliver(record, shotId, shot);
        }
    }

    private void deliver(Record<String, ClipColorized> record, String shotId, CollectedShot shot) {
        List<ClipColorized> all = new ArrayList<>();
        for (String clipId : shot.clipIds()) {
            all.add(clips.get(clipId));
        }
        all.sort(Comparator.comparingInt((ClipColorized c) -> c.getTask().getClipIndex()).thenComparing(ClipColorized::getClipId));
        ShotFinished finished;
        try {
            finished = writer.write(shotId, all, context.currentSystemTimeMs());
        } catch (Exception e) {
            LOG.error("shot {}: writing the deliverables failed: {}", shotId, e.toString(), e);
            deadLetter(record, e);
            return;
        }
        forward(record, shotId, finished);
        forward(record, shotId, status(shotId, ShotState.FINISHED, null, shot.clipCount(),
                shot.clipCount(), finished.getFrameCount() + " frames written to " + finished.getOutputDir()));
        shots.put(shotId, shot.asFinished());
        shot.clipIds().forEach(clips::delete);
        LOG.info("shot {} delivered: {} frames in {}", shotId, finished.getFrameCount(), finished.getOutputDir());
    }

    private ShotStatus status(String shotId, ShotState state, String clipId, int completed, int total, String message) {
        return ShotStatuses.of(STAGE, shotId, state, clipId, completed, total, message, context.currentSystemTimeMs());
    }

    /** The topology routes each output by its type. */
    private void forward(Record<String, ClipColorized> cause, String key, SpecificRecord value) {
        context.forward(new Record<>(key, value, cause.timestamp()));
    }

    private void deadLetter(Record<String, ClipColorized> record, Exception error) {
        Optional<RecordMetadata> source = context.recordMetadata();
        ClipColorized clip = record.value();
        String topic = source.map(RecordMetadata::topic).orElse("");
        byte[] value = EventSerdes.of(ClipColorized.class).serializer().serialize(topic, clip);
        String key = clip.getClipId();
        String shotId = clip.getShotId();
        long now = context.currentSystemTimeMs();
        DeadLetter letter = DeadLetters.of(STAGE, error, topic, source.map(RecordMetadata::partition).orElse(-1),
                source.map(RecordMetadata::offset).orElse(-1L), key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value, shotId, now);
        LOG.warn("shot {}: clip {} sent to the dead-letter topic: {}", shotId, key, error.toString());
        forward(record, key, letter);
        if (shotId != null) {
            forward(record, shotId, DeadLetters.failed(STAGE, shotId, key,
                    String.valueOf(error.getMessage()), now));
        }
    }
}
