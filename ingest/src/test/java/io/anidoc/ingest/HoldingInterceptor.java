package io.anidoc.ingest;

import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka consumer interceptor (configured like any client property) that holds the first poll
 * bringing records of a topic ending in {@code shots} until the test releases it: ingest's ledger
 * rebuild is then provably in progress while the test looks at the API.
 */
public final class HoldingInterceptor implements ConsumerInterceptor<byte[], byte[]> {

    static volatile CountDownLatch holding = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);

    static void reset() {
        holding = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        boolean shots = records.partitions().stream().anyMatch(p -> p.topic().endsWith("shots"));
        if (shots && release.getCount() > 0) {
            holding.countDown();
            try {
                release.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
