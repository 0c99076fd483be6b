package io.anidoc.ingest.state;

import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.ShotEvent;
import io.anidoc.schemas.ShotOpened;
import io.anidoc.schemas.ShotSealed;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.TreeMap;

/** Applies the records of the shots and frames topics to the ledger. */
public final class LedgerFollower implements TopicTail.Handler {

    private final IngestLedger ledger;
    private final String shotsTopic;
    private final String framesTopic;
    private final Deserializer<ShotEvent> shotEvents = EventSerdes.of(ShotEvent.class).deserializer();
    private final Deserializer<FrameIngested> frames = EventSerdes.of(FrameIngested.class).deserializer();

    public LedgerFollower(IngestLedger ledger, String shotsTopic, String framesTopic) {
        this.ledger = ledger;
        this.shotsTopic = shotsTopic;
        this.framesTopic = framesTopic;
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        if (record.topic().equals(shotsTopic)) {
            apply(shotEvents.deserialize(record.topic(), record.value()));
        } else if (record.topic().equals(framesTopic)) {
            apply(frames.deserialize(record.topic(), record.value()));
        }
    }

    void apply(ShotEvent event) {
        if (event.getEvent() instanceof ShotOpened opened) {
            ledger.applyOpened(event.getShotId(), new ShotDeclaration(opened.getDeclaredFrameCount(),
                    opened.getKeyframeIndices(), new TreeMap<>(opened.getOptions()), opened.getSheetNames()));
        } else if (event.getEvent() instanceof ShotSealed sealed) {
            ledger.applySealed(event.getShotId(), new ShotDeclaration(sealed.getDeclaredFrameCount(),
                    sealed.getKeyframeIndices(), new TreeMap<>(sealed.getOptions()), sealed.getSheetNames()));
        }
    }

    void apply(FrameIngested frame) {
        ledger.applyFrame(frame.getShotId(), new FrameSlot(frame.getKind(), frame.getIndex()),
                new StoredFrame(frame.getImage().getSha256(), frame.getImage().getSize(), frame.getWidth(), frame.getHeight()));
    }
}
