package io.anidoc.ingest.assembler;

import io.anidoc.core.shot.ShotIds;
import io.anidoc.runtime.streams.DeadLetters;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.ShotEvent;
import io.anidoc.schemas.ShotState;
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
import java.util.List;
import java.util.Optional;

/**
 * The assembler's I/O: reads the shot's state from the store, asks {@link AssemblerModel} what to
 * do with the record, and carries the actions out (store writes, clip tasks, status reports). A
 * record the model refuses is dead-lettered with the reason and a {@code FAILED} status.
 */
final class AssemblerProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    static final String STAGE = AssemblerModel.STAGE;
    private static final Logger LOG = LoggerFactory.getLogger(AssemblerProcessor.class);

    private final AssemblerModel model;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ShotAssembly> shots;
    private KeyValueStore<String, FrameIngested> frames;

    AssemblerProcessor(int defaultMaxDrawings) {
        this.model = new AssemblerModel(defaultMaxDrawings);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.shots = context.getStateStore(AssemblerTopology.SHOTS_STORE);
        this.frames = context.getStateStore(AssemblerTopology.FRAMES_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() == null) {
            return;
        }
        try {
            long now = context.currentSystemTimeMs();
            List<AssemblerAction> actions;
            if (record.value() instanceof FrameIngested frame) {
                checkShotId(record.key(), frame.getShotId());
                actions = model.onFrame(shots.get(frame.getShotId()), frame, frames::get, now);
            } else if (record.value() instanceof ShotEvent event) {
                checkShotId(record.key(), event.getShotId());
                actions = model.onShotEvent(shots.get(event.getShotId()), event, frames::get, now);
            } else {
                throw new IllegalArgumentException("unexpected record type " + record.value().getClass().getName());
            }
            actions.forEach(action -> apply(record, action));
        } catch (RuntimeException e) {
            deadLetter(record, e);
        }
    }

    private void apply(Record<String, SpecificRecord> cause, AssemblerAction action) {
        if (action instanceof AssemblerAction.PutShot put) {
            shots.put(put.shotId(), put.shot());
        } else if (action instanceof AssemblerAction.PutFrame put) {
            frames.put(put.key(), put.frame());
        } else if (action instanceof AssemblerAction.DeleteFrame delete) {
            frames.delete(delete.key());
        } else if (action instanceof AssemblerAction.EmitClip emit) {
            forward(cause, AssemblerTopology.CLIPS_SINK, emit.task().getClipId(), emit.task());
            if (emit.task().getClipIndex() == emit.task().getClipCount() - 1) {
                LOG.info("shot {} cut into {} clips", emit.task().getShotId(), emit.task().getClipCount());
            }
        } else if (action instanceof AssemblerAction.Report report) {
            ShotStatus status = report.status();
            if (status.getState() == ShotState.WARNING && status.getClipId() == null) {
                LOG.warn("shot {}: {}", status.getShotId(), status.getMessage());
            }
            forward(cause, AssemblerTopology.STATUS_SINK, status.getShotId(), status);
        }
    }

    private static void checkShotId(String key, String shotId) {
        if (!ShotIds.isValid(shotId)) {
            throw new IllegalArgumentException(ShotIds.problem(shotId));
        }
        if (!shotId.equals(key)) {
            throw new IllegalArgumentException("record key '" + key + "' differs from its shot id '" + shotId
                    + "'; shot records must be keyed by shot id");
        }
    }

    private void forward(Record<String, SpecificRecord> cause, String sink, String key, SpecificRecord value) {
        context.forward(new Record<>(key, value, cause.timestamp()), sink);
    }

    @SuppressWarnings("unchecked")
    private void deadLetter(Record<String, SpecificRecord> record, RuntimeException error) {
        Optional<RecordMetadata> source = context.recordMetadata();
        String shotId = DeadLetters.shotIdOfKey(record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8));
        LOG.warn("shot {}: record {}-{}@{} sent to the dead-letter topic: {}", shotId,
                source.map(RecordMetadata::topic).orElse("?"), source.map(RecordMetadata::partition).orElse(-1),
                source.map(RecordMetadata::offset).orElse(-1L), error.toString());
        SpecificRecord value = record.value();
        byte[] valueBytes = EventSerdes.of((Class<SpecificRecord>) value.getClass()).serializer()
                .serialize(source.map(RecordMetadata::topic).orElse(""), value);
        long now = context.currentSystemTimeMs();
        DeadLetter letter = DeadLetters.of(STAGE, error, source.map(RecordMetadata::topic).orElse(null),
                source.map(RecordMetadata::partition).orElse(-1), source.map(RecordMetadata::offset).orElse(-1L),
                record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), valueBytes, shotId, now);
        forward(record, AssemblerTopology.DEADLETTER_SINK, record.key(), letter);
        if (shotId != null) {
            forward(record, AssemblerTopology.STATUS_SINK, shotId,
                    DeadLetters.failed(STAGE, shotId, null, error.getMessage(), now));
        }
    }
}
