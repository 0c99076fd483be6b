package io.anidoc.sink.lifecycle;

import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.schemas.ShotFinished;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Deletes blobs of delivered shots once they are due: reads {@code anidoc.shots.finished} in its
 * own consumer group and, for each shot, waits until {@code finishedAtMs + delay}, deletes the
 * blobs the selector names, then commits the record. The topic is the schedule: records arrive in
 * delivery order per partition, so a partition waits on its first record that is not yet due.
 *
 * <p>A crash between the deletes and the commit replays the record after the restart and deletes
 * again, which finds nothing: deleting is idempotent. Nothing is deleted before its due time, and
 * nothing of a shot that is not delivered yet is ever named.
 */
public final class BlobExpiry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BlobExpiry.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final String name;
    private final Consumer<String, byte[]> consumer;
    private final Deserializer<ShotFinished> events;
    private final BlobStore blobs;
    private final Duration delay;
    private final Function<ShotFinished, List<String>> doomed;
    private final Clock clock;
    private final Thread thread;
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    private volatile boolean running = true;

    private BlobExpiry(String name, Consumer<String, byte[]> consumer, String topic, Deserializer<ShotFinished> events,
                       BlobStore blobs, Duration delay, Function<ShotFinished, List<String>> doomed, Clock clock) {
        this.name = name;
        this.consumer = consumer;
        this.events = events;
        this.blobs = blobs;
        this.delay = delay;
        this.doomed = doomed;
        this.clock = clock;
        consumer.subscribe(List.of(topic));
        this.thread = new Thread(this::run, "blob-expiry-" + name);
        thread.setDaemon(true);
    }

    /**
     * Starts deleting, on its own thread, the blobs {@code doomed} names for each shot on
     * {@code topic}, {@code delay} after the shot's delivery. The consumer is this object's.
     */
    public static BlobExpiry start(String name, Consumer<String, byte[]> consumer, String topic,
                                   Deserializer<ShotFinished> events, BlobStore blobs, Duration delay,
                                   Function<ShotFinished, List<String>> doomed, Clock clock) {
        BlobExpiry expiry = new BlobExpiry(name, consumer, topic, events, blobs, delay, doomed, clock);
        expiry.thread.start();
        return expiry;
    }

    private void run() {
        try {
            while (running) {
                resumeDuePartitions();
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                        if (!expire(partition, record)) {
                            break;
                        }
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() asked to stop
        } catch (RuntimeException e) {
            LOG.error("blob expiry {} stopped: {}", name, e.toString(), e);
        } finally {
            // leaves the group at once: a stopping sink hands its partitions over without a session timeout
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Handles one record; false when the partition has to wait (not due yet, or the store failed). */
    private boolean expire(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
        ShotFinished shot;
        try {
            shot = events.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("blob expiry {}: skipping undecodable record {}-{}@{}: {}", name, record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            commit(partition, record);
            return true;
        }
        long due = shot.getFinishedAtMs() + delay.toMillis();
        if (due > clock.millis()) {
            waitUntil(partition, record, due);
            return false;
        }
        int deleted = 0;
        try {
            for (String uri : doomed.apply(shot)) {
                if (blobs.delete(uri)) {
                    deleted++;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("blob expiry {} of shot {} failed, retrying in {}: {}", name, shot.getShotId(), RETRY, e.getMessage());
            waitUntil(partition, record, clock.millis() + RETRY.toMillis());
            return false;
        }
        commit(partition, record);
        LOG.info("blob expiry {}: shot {} delivered {} ago, {} blobs deleted", name, shot.getShotId(),
                Duration.ofMillis(clock.millis() - shot.getFinishedAtMs()), deleted);
        return true;
    }

    private void waitUntil(TopicPartition partition, ConsumerRecord<String, byte[]> record, long when) {
        consumer.seek(partition, record.offset());
        consumer.pause(Set.of(partition));
        pausedUntil.put(partition, when);
    }

    private void resumeDuePartitions() {
        pausedUntil.keySet().retainAll(consumer.assignment());
        long now = clock.millis();
        pausedUntil.entrySet().removeIf(entry -> {
            if (entry.getValue() <= now) {
                consumer.resume(Set.of(entry.getKey()));
                return true;
            }
            return false;
        });
    }

    private void commit(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
