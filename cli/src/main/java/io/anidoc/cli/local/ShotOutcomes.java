package io.anidoc.cli.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.kafka.KafkaClients;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.TopicPartitions;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.serde.EventSerde;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows how shots end: every {@link ShotFinished} on {@code shots.finished} (read from the
 * beginning, so a shot delivered earlier is found too) and every {@link DeadLetter} written after
 * {@link #follow} returned. Reads without a consumer group; commits nothing.
 */
public final class ShotOutcomes implements AutoCloseable {

    private static final Duration METADATA_WAIT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ShotOutcomes.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String finishedTopic;
    private final String deadLetterTopic;
    private final EventSerde<ShotFinished> finishedSerde = EventSerdes.of(ShotFinished.class);
    private final EventSerde<DeadLetter> deadLetterSerde = EventSerdes.of(DeadLetter.class);
    private final Map<String, ShotFinished> finished = new HashMap<>();
    private final Map<String, Long> finishedArrivalNanos = new HashMap<>();
    private final Map<String, List<DeadLetter>> deadLetters = new HashMap<>();
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    private ShotOutcomes(KafkaClients clients) {
        Topics topics = clients.topics();
        this.finishedTopic = topics.name(Topic.SHOTS_FINISHED);
        this.deadLetterTopic = topics.name(Topic.DEADLETTER);
        this.consumer = clients.consumer(topics.prefix() + "cli-" + UUID.randomUUID(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> finishedPartitions = partitions(finishedTopic);
        List<TopicPartition> deadLetterPartitions = partitions(deadLetterTopic);
        List<TopicPartition> all = new ArrayList<>(finishedPartitions);
        all.addAll(deadLetterPartitions);
        consumer.assign(all);
        consumer.seekToBeginning(finishedPartitions);
        consumer.seekToEnd(deadLetterPartitions);
        // resolve the positions now, so that nothing written after this constructor is missed
        all.forEach(consumer::position);
        this.thread = new Thread(this::run, "anidoc-shot-outcomes");
        thread.setDaemon(true);
    }

    /**
     * Starts following the pipeline whose Kafka settings (bootstrap servers, topic prefix, client
     * properties) {@code source} holds.
     */
    public static ShotOutcomes follow(ConfigSource source) {
        RuntimeConfig config = RuntimeConfig.from(source, "cli");
        ShotOutcomes outcomes = new ShotOutcomes(new KafkaClients(config.kafka(), config.service()));
        outcomes.thread.start();
        return outcomes;
    }

    /** The shot's {@link ShotFinished}, once it arrived. */
    public synchronized Optional<ShotFinished> finished(String shotId) {
        return Optional.ofNullable(finished.get(shotId));
    }

    /**
     * When the shot's {@link ShotFinished} arrived ({@link System#nanoTime()} of this follower's
     * poll that returned it): the moment the pipeline's result became readable, whenever the caller
     * looks.
     */
    public synchronized Optional<Long> finishedArrivalNanos(String shotId) {
        return Optional.ofNullable(finishedArrivalNanos.get(shotId));
    }

    /** Dead letters of the shot: those naming it, or keyed by it or by one of its clips. */
    public synchronized List<DeadLetter> deadLetters(String shotId) {
        return List.copyOf(deadLetters.getOrDefault(shotId, List.of()));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<TopicPartition> partitions(String topic) {
        try {
            return TopicPartitions.of(consumer, topic, METADATA_WAIT, () -> true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up topic " + topic, e);
        }
    }

    private void run() {
        try {
            while (running) {
                var records = consumer.poll(POLL);
                long arrived = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    take(record, arrived);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.warn("following the outcome of shots stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
            stopped.countDown();
        }
    }

    private synchronized void take(ConsumerRecord<byte[], byte[]> record, long arrivedNanos) {
        if (record.value() == null) {
            return;
        }
        try {
            if (record.topic().equals(finishedTopic)) {
                ShotFinished event = finishedSerde.deserialize(record.topic(), record.value());
                finished.put(event.getShotId(), event);
                finishedArrivalNanos.putIfAbsent(event.getShotId(), arrivedNanos);
            } else {
                DeadLetter letter = deadLetterSerde.deserialize(record.topic(), record.value());
                String shotId = letter.getShotId() != null ? letter.getShotId() : shotOfKey(record.key());
                if (shotId != null) {
                    deadLetters.computeIfAbsent(shotId, id -> new ArrayList<>()).add(letter);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    /** Keys are shot ids or clip ids ({@code <shotId>/clip-NNN}). */
    private static String shotOfKey(byte[] key) {
        if (key == null) {
            return null;
        }
        String text = new String(key, StandardCharsets.UTF_8);
        int slash = text.indexOf('/');
        return slash < 0 ? text : text.substring(0, slash);
    }
}
