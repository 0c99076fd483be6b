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

/** Reads what a topic holds now (committed records only), from the beginning. */
final class TopicRecords {

    private TopicRecords() {
    }

    static <T> List<T> read(ConfigSource settings, Topic topic, Deserializer<T> deserializer) {
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : raw(settings, topic)) {
            out.add(deserializer.deserialize(record.topic(), record.value()));
        }
        return out;
    }

    static List<ConsumerRecord<byte[], byte[]>> raw(ConfigSource settings, Topic topic) {
        RuntimeConfig config = RuntimeConfig.from(settings, "test");
        KafkaClients clients = new KafkaClients(config.kafka(), config.service());
        String name = clients.topics().name(topic);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer("test-" + UUID.randomUUID(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                    .map(p -> new TopicPartition(name, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
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
