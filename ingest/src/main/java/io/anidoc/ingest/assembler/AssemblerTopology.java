package io.anidoc.ingest.assembler;

import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.streams.JsonSerde;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.ShotEvent;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The assembler: reads the frames and shots topics (both keyed by shot id, so one task sees all
 * records of a shot, provided both topics have the same number of partitions, which start-up
 * provisioning guarantees), and writes clip tasks, status reports and dead letters.
 *
 * <pre>
 *   frames ─┐
 *           ├─▶ assembler [shots, frames stores] ─┬─▶ clips
 *   shots  ─┘                                     ├─▶ shots.status
 *                                                 └─▶ deadletter
 * </pre>
 */
public final class AssemblerTopology {

    public static final String SHOTS_STORE = "assembler-shots";
    public static final String FRAMES_STORE = "assembler-frames";

    static final String CLIPS_SINK = "clips-sink";
    static final String STATUS_SINK = "status-sink";
    static final String DEADLETTER_SINK = "deadletter-sink";
    private static final String PROCESSOR = "assembler";

    private AssemblerTopology() {
    }

    /**
     * @param topics             real topic names
     * @param defaultMaxDrawings drawings per clip unless the shot option {@code maxDrawings} says otherwise
     */
    public static Topology build(Topics topics, int defaultMaxDrawings) {
        if (defaultMaxDrawings < 1) {
            throw new IllegalArgumentException("defaultMaxDrawings must be at least 1, got " + defaultMaxDrawings);
        }
        Topology topology = new Topology();
        topology.addSource("frames-source", Serdes.String().deserializer(),
                EventSerdes.of(FrameIngested.class).deserializer(), topics.name(Topic.FRAMES));
        topology.addSource("shots-source", Serdes.String().deserializer(),
                EventSerdes.of(ShotEvent.class).deserializer(), topics.name(Topic.SHOTS));
        topology.addProcessor(PROCESSOR, () -> new AssemblerProcessor(defaultMaxDrawings), "frames-source", "shots-source");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SHOTS_STORE),
                Serdes.String(), new JsonSerde<>(ShotAssembly.class)), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(FRAMES_STORE),
                Serdes.String(), EventSerdes.of(FrameIngested.class)), PROCESSOR);
        topology.addSink(CLIPS_SINK, topics.name(Topic.CLIPS), Serdes.String().serializer(),
                EventSerdes.of(ClipTask.class).serializer(), PROCESSOR);
        topology.addSink(STATUS_SINK, topics.name(Topic.SHOTS_STATUS), Serdes.String().serializer(),
                EventSerdes.of(ShotStatus.class).serializer(), PROCESSOR);
        topology.addSink(DEADLETTER_SINK, topics.name(Topic.DEADLETTER), Serdes.String().serializer(),
                EventSerdes.of(DeadLetter.class).serializer(), PROCESSOR);
        return topology;
    }
}
