package io.anidoc.runtime.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The partitions of a topic, for readers that assign partitions themselves. A topic created a
 * moment ago (start-up provisioning) may not be in the broker's metadata yet, and the broker then
 * answers with no partitions: a reader that took that answer would silently follow nothing of
 * the topic. This asks again until the topic has partitions.
 */
public final class TopicPartitions {

    private static final long RETRY_MS = 100;

    private TopicPartitions() {
    }

    /**
     * @param wait how long to keep asking
     * @param running false stops the asking early (the reader is closing)
     * @throws IllegalStateException when the topic still has no partitions after {@code wait}
     */
    public static List<TopicPartition> of(Consumer<?, ?> consumer, String topic, Duration wait, BooleanSupplier running)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            }
            if (System.nanoTime() > deadline || !running.getAsBoolean()) {
                throw new IllegalStateException("topic " + topic + " has no partitions after " + wait.toSeconds() + " s");
            }
            Thread.sleep(RETRY_MS);
        }
    }
}
