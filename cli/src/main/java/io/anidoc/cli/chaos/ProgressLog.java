package io.anidoc.cli.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.kafka.KafkaClients;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerde;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The pipeline's progress as it becomes visible: every committed status report on
 * {@code shots.status} from the moment of {@link #follow}, with the stage that made it, when it
 * was made and when it could be read. Reads without a consumer group, through broker restarts.
 */
final class ProgressLog implements AutoCloseable {

    /** One status report: its stage, when the stage made it and when this log read it (epoch ms). */
    record Progress(String stage, long madeAtMs, long seenAtMs) {
    }

    private final KafkaClients clients;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final EventSerde<ShotStatus> serde = EventSerdes.of(ShotStatus.class);
    private final List<Progress> seen = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private ProgressLog(ConfigSource settings) {
        RuntimeConfig config = RuntimeConfig.from(settings, "chaos");
        this.clients = new KafkaClients(config.kafka(), config.service());
        String topic = clients.topics().name(Topic.SHOTS_STATUS);
        this.consumer = clients.consumer("chaos-" + UUID.randomUUID(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::run, "chaos-progress");
        thread.setDaemon(true);
    }

    static ProgressLog follow(ConfigSource settings) {
        ProgressLog log = new ProgressLog(settings);
        log.thread.start();
        return log;
    }

    /** The first report of one of {@code stages} (any stage when empty) made after {@code afterMs}. */
    synchronized Optional<Progress> firstAfter(Set<String> stages, long afterMs) {
        return seen.stream().filter(p -> p.madeAtMs() > afterMs && (stages.isEmpty() || stages.contains(p.stage())))
                .min((a, b) -> Long.compare(a.seenAtMs(), b.seenAtMs()));
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() != null) {
                        ShotStatus status = serde.deserialize(record.topic(), record.value());
                        synchronized (this) {
                            seen.add(new Progress(status.getStage(), status.getAtMs(), System.currentTimeMillis()));
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
        clients.close();
    }
}
