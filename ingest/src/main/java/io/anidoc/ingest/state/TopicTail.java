package io.anidoc.ingest.state;

import io.anidoc.runtime.kafka.TopicPartitions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Reads whole topics from the beginning on a thread of its own and keeps following them, handing
 * every record to a handler: the way ingest rebuilds and maintains in-memory views of its topics.
 * No consumer group is joined and no offset is committed; every replica reads everything.
 */
public final class TopicTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(60);

    /** Receives every record; a failure is logged and the record skipped. */
    @FunctionalInterface
    public interface Handler {
        void handle(ConsumerRecord<byte[], byte[]> record) throws Exception;
    }

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final List<String> topics;
    private final Handler handler;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;

    public TopicTail(String name, Consumer<byte[], byte[]> consumer, List<String> topics, Handler handler) {
        this.name = Objects.requireNonNull(name, "name");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topics = List.copyOf(topics);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    public TopicTail start() {
        thread.start();
        return this;
    }

    /** Completes once every record present at start-up has been handled. */
    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                partitions.addAll(TopicPartitions.of(consumer, topic, METADATA_WAIT, () -> running));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            LOG.info("{} reading {} from the beginning", name, topics);
            long handled = 0;
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    handled++;
                    try {
                        handler.handle(record);
                    } catch (Exception e) {
                        LOG.warn("{} skipped record {}-{}@{}: {}", name, record.topic(), record.partition(),
                                record.offset(), e.toString());
                    }
                }
                if (!caughtUp.isDone() && reached(ends)) {
                    LOG.info("{} caught up after {} records", name, handled);
                    caughtUp.complete(null);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Exception e) {
            LOG.error("{} stopped: {}", name, e.toString(), e);
            caughtUp.completeExceptionally(e);
        } finally {
            caughtUp.completeExceptionally(new IllegalStateException(name + " stopped"));
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
