package io.anidoc.runtime.stage;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a topic from the beginning (every partition, no consumer group) and keeps what it read,
 * so a test can wait for records to appear and look at all of them. Keys are strings.
 */
public final class TopicTail<V> implements AutoCloseable {

    private final String topic;
    private final KafkaConsumer<String, V> consumer;
    private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

    public TopicTail(String bootstrapServers, String topic, Deserializer<V> values) {
        this.topic = topic;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads until what was read so far satisfies the condition; fails after the timeout saying what arrived. */
    public List<ConsumerRecord<String, V>> awaitUntil(Predicate<List<ConsumerRecord<String, V>>> condition,
                                                       Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(records)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition on " + topic + " not met within " + timeout + "; read "
                        + records.size() + " records with keys " + records.stream().map(ConsumerRecord::key).toList());
            }
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        return List.copyOf(records);
    }

    /** Reads until at least {@code count} records were read. */
    public List<ConsumerRecord<String, V>> awaitCount(int count, Duration timeout) {
        return awaitUntil(read -> read.size() >= count, timeout);
    }

    /**
     * Reads up to the end the topic has now (its end offsets, read committed): the known end that
     * shows what was written before, a late duplicate included, without waiting for a while.
     */
    public List<ConsumerRecord<String, V>> readToEnd(Duration timeout) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read " + topic + " to its end " + end + " within " + timeout);
            }
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        return List.copyOf(records);
    }

    public List<ConsumerRecord<String, V>> read() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
