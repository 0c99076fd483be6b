package io.anidoc.console;

import io.anidoc.runtime.kafka.KafkaClients;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.TopicPartitions;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.ShotApproved;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerde;
import io.anidoc.schemas.serde.EventSerdes;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads the status, finished, approved, frames and dead-letter topics from their beginning and keeps
 * following them (committed records only, no consumer group: every console instance sees
 * everything), feeding the {@link ShotBoard} and telling the listener what changed. Runs on a
 * thread of its own with plain Kafka clients; Vert.x is only the edge.
 */
final class TopicFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFeed.class);
    private static final Duration METADATA_WAIT = Duration.ofSeconds(60);
    /** How often the feed looks for partitions added to its topics. */
    private static final long REFRESH_MS = 60_000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ShotBoard board;
    private final BiConsumer<String, JsonObject> listener;
    private final String statusTopic;
    private final String finishedTopic;
    private final String framesTopic;
    private final String deadLetterTopic;
    private final String approvedTopic;
    private final EventSerde<ShotStatus> statusSerde = EventSerdes.of(ShotStatus.class);
    private final EventSerde<ShotFinished> finishedSerde = EventSerdes.of(ShotFinished.class);
    private final EventSerde<FrameIngested> frameSerde = EventSerdes.of(FrameIngested.class);
    private final EventSerde<DeadLetter> deadLetterSerde = EventSerdes.of(DeadLetter.class);
    private final EventSerde<ShotApproved> approvedSerde = EventSerdes.of(ShotApproved.class);
    private final Thread thread;
    private volatile Map<TopicPartition, Long> startEnds;
    private volatile boolean caughtUp;
    private volatile String failure;
    private volatile boolean closing;

    TopicFeed(KafkaClients kafka, String serviceName, ShotBoard board, BiConsumer<String, JsonObject> listener) {
        Topics topics = kafka.topics();
        this.statusTopic = topics.name(Topic.SHOTS_STATUS);
        this.finishedTopic = topics.name(Topic.SHOTS_FINISHED);
        this.framesTopic = topics.name(Topic.FRAMES);
        this.deadLetterTopic = topics.name(Topic.DEADLETTER);
        this.approvedTopic = topics.name(Topic.SHOTS_APPROVED);
        this.board = board;
        this.listener = listener;
        this.consumer = new KafkaConsumer<>(kafka.consumerProperties(topics.prefix() + serviceName),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, serviceName + "-topic-feed");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True once everything the topics held at start has been read. */
    boolean caughtUp() {
        return caughtUp;
    }

    /** Why the feed stopped for good; empty while it runs. */
    Optional<String> deadReason() {
        return Optional.ofNullable(failure);
    }

    private void run() {
        try {
            startEnds = consumer.endOffsets(follow(assignment()));
            long nextRefresh = System.currentTimeMillis() + REFRESH_MS;
            while (!closing) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (!caughtUp) {
                    caughtUp = startEnds.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                }
                if (System.currentTimeMillis() >= nextRefresh) {
                    follow(assignment());
                    nextRefresh = System.currentTimeMillis() + REFRESH_MS;
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closing) {
                failure = "the topic feed stopped: " + e;
                LOG.error("the console's topic feed stopped", e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Every partition of the followed topics. */
    private List<TopicPartition> assignment() throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(statusTopic, finishedTopic, framesTopic, deadLetterTopic, approvedTopic)) {
            partitions.addAll(TopicPartitions.of(consumer, topic, METADATA_WAIT, () -> !closing));
        }
        return partitions;
    }

    /** Follows the given partitions; those new to the feed (partitions an operator added) from their beginning. */
    private List<TopicPartition> follow(List<TopicPartition> partitions) {
        Set<TopicPartition> added = new HashSet<>(partitions);
        added.removeAll(consumer.assignment());
        if (!added.isEmpty()) {
            consumer.assign(partitions);
            consumer.seekToBeginning(added);
        }
        return partitions;
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        try {
            String topic = record.topic();
            if (topic.equals(statusTopic)) {
                listener.accept("shot", board.onStatus(statusSerde.deserialize(topic, record.value()), System.currentTimeMillis()));
            } else if (topic.equals(finishedTopic)) {
                ShotFinished finished = finishedSerde.deserialize(topic, record.value());
                listener.accept("shot", board.onFinished(finished, finished.getVersion()));
            } else if (topic.equals(approvedTopic)) {
                listener.accept("shot", board.onApproved(approvedSerde.deserialize(topic, record.value())));
            } else if (topic.equals(framesTopic)) {
                board.onFrame(frameSerde.deserialize(topic, record.value()));
            } else {
                listener.accept("deadletter", board.onDeadLetter(deadLetterSerde.deserialize(topic, record.value()),
                        record.partition(), record.offset()));
            }
        } catch (RuntimeException e) {
            // one unreadable record must not stop the view of everything else
            LOG.warn("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        consumer.wakeup();
        thread.join(10_000);
    }
}
