package io.anidoc.cli.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.kafka.KafkaClients;
import io.anidoc.runtime.kafka.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What a topic holds now, committed records only, read from the beginning to the end offsets
 * taken first: proof that nothing else is there, without waiting and hoping.
 */
public final class TopicContents {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private TopicContents() {
    }

    /** The values of every record, decoded; tombstones are left out. */
    public static <T> List<T> read(ConfigSource settings, Topic topic, Deserializer<T> deserializer) {
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : raw(settings, topic)) {
            if (record.value() != null) {
                out.add(deserializer.deserialize(record.topic(), record.value()));
            }
        }
        return out;
    }

    public static List<ConsumerRecord<byte[], byte[]>> raw(ConfigSource settings, Topic topic) {
        RuntimeConfig config = RuntimeConfig.from(settings, "reader");
        KafkaClients clients = new KafkaClients(config.kafka(), config.service());
        String name = clients.topics().name(topic);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer("reader-" + UUID.randomUUID(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                    .map(p -> new TopicPartition(name, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + name + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        } finally {
            clients.close();
        }
        return out;
    }
}
