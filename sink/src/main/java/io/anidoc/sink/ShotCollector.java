package io.anidoc.sink;

import io.anidoc.runtime.streams.DeadLetters;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotFinished;
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
import java.util.List;
import java.util.Optional;

/**
 * The sink's I/O: reads the shot's state, asks {@link CollectorModel} what to do with the colored
 * clip, and carries the actions out: store writes, records, and the delivery (the files, written
 * by {@link DeliveryWriter}). When writing fails (a blob is missing, the disk is full) the clips
 * stay collected, the failure is dead-lettered, and a replayed clip of the shot tries again.
 */
final class ShotCollector implements Processor<String, ClipColorized, String, SpecificRecord> {

    static final String STAGE = CollectorModel.STAGE;
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
            apply(record, CollectorModel.onClip(shots.get(clip.getShotId()), clip, context.currentSystemTimeMs()));
        } catch (RuntimeException e) {
            deadLetter(record, e);
        }
    }

    private void apply(Record<String, ClipColorized> record, List<SinkAction> actions) {
        for (SinkAction action : actions) {
            if (action instanceof SinkAction.PutClip put) {
                clips.put(put.clip().getClipId(), put.clip());
            } else if (action instanceof SinkAction.PutShot put) {
                shots.put(put.shotId(), put.shot());
            } else if (action instanceof SinkAction.DeleteClip delete) {
                clips.delete(delete.clipId());
            } else if (action instanceof SinkAction.Emit emit) {
                forward(record, emit.shotId(), emit.value());
            } else if (action instanceof SinkAction.Deliver deliver) {
                deliver(record, deliver.shotId(), deliver.shot());
            }
        }
    }

    private void deliver(Record<String, ClipColorized> record, String shotId, CollectedShot shot) {
        List<ClipColorized> all = new ArrayList<>();
        for (String clipId : shot.clipIds()) {
            all.add(clips.get(clipId));
        }
        ShotFinished finished;
        try {
            finished = writer.write(shotId, CollectorModel.deliveryOrder(all), context.currentSystemTimeMs());
        } catch (Exception e) {
            LOG.error("shot {}: writing the deliverables failed: {}", shotId, e.toString(), e);
            deadLetter(record, e);
            return;
        }
        apply(record, CollectorModel.delivered(shotId, shot, finished, context.currentSystemTimeMs()));
        LOG.info("shot {} delivered: {} frames in {}", shotId, finished.getFrameCount(), finished.getOutputDir());
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
