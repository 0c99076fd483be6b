package io.anidoc.sink;

import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.streams.JsonSerde;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.nio.file.Path;

/**
 * The sink: colored clips (keyed by clip id) are re-keyed by shot id and repartitioned, so that
 * one task sees every clip of a shot; the collector writes the deliverables and emits the shot's
 * single {@link ShotFinished}.
 *
 * <pre>
 *   clips.colorized ─▶ key by shot ─▶ repartition ─▶ collector [shots, clips stores] ─┬─▶ shots.finished
 *                                                                                   ├─▶ shots.status
 *                                                                                   └─▶ deadletter
 * </pre>
 */
public final class SinkTopology {

    public static final String SHOTS_STORE = "sink-shots";
    public static final String CLIPS_STORE = "sink-clips";

    private static final String COLLECTOR = "collector";

    private SinkTopology() {
    }

    /**
     * @param topics     real topic names
     * @param blobs      where the colored frames are fetched from
     * @param outputRoot where shots are written, one folder per shot
     */
    public static Topology build(Topics topics, BlobStore blobs, Path outputRoot) {
        var clipSerde = EventSerdes.of(ClipColorized.class);
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SHOTS_STORE),
                Serdes.String(), new JsonSerde<>(CollectedShot.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLIPS_STORE),
                Serdes.String(), clipSerde));
        KStream<String, SpecificRecord> out = builder
                .stream(topics.name(Topic.CLIPS_COLORIZED), Consumed.with(Serdes.String(), clipSerde).withName("colorized-source"))
                .filter((clipId, clip) -> clip != null, Named.as("drop-tombstones"))
                .selectKey((clipId, clip) -> clip.getShotId(), Named.as("key-by-shot"))
                .repartition(Repartitioned.with(Serdes.String(), clipSerde).withName("clips-by-shot"))
                .process(() -> new ShotCollector(new DeliveryWriter(blobs, outputRoot)), Named.as(COLLECTOR),
                        SHOTS_STORE, CLIPS_STORE);
        route(out, ShotFinished.class, topics.name(Topic.SHOTS_FINISHED), "finished");
        route(out, ShotStatus.class, topics.name(Topic.SHOTS_STATUS), "status");
        route(out, DeadLetter.class, topics.name(Topic.DEADLETTER), "deadletter");
        return builder.build();
    }

    /** Each output type goes to its own topic with its own serde. */
    private static <T extends SpecificRecord> void route(KStream<String, SpecificRecord> out, Class<T> type, String topic,
                                                         String name) {
        out.filter((key, value) -> type.isInstance(value), Named.as(name + "-only"))
                .mapValues(type::cast, Named.as(name + "-typed"))
                .to(topic, Produced.with(Serdes.String(), EventSerdes.of(type)).withName(name + "-sink"));
    }
}
