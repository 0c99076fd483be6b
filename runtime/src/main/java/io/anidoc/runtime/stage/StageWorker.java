package io.anidoc.runtime.stage;

import io.anidoc.runtime.kafka.KafkaClients;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.service.AbruptClose;
import io.anidoc.runtime.service.ReadinessCheck;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one pipeline stage at least once per input record: reads the input topic in a consumer
 * group, hands each record to a {@link StageProcessor} on a bounded pool of worker threads,
 * publishes the output with the idempotent {@code acks=all} producer and commits an offset only
 * after the output of that record and of every earlier record of its partition is acknowledged.
 *
 * <p>Threads: one thread owns the Kafka consumer (poll, pause/resume, commits, rebalances);
 * {@link StageSettings#concurrency()} worker threads run the processor and wait for their
 * record's acknowledgements. Vert.x is not involved; services expose the worker through
 * {@link #readiness()} and the meter registry.
 *
 * <p>Backpressure: at most {@code concurrency} records are worked on; records taken from Kafka
 * beyond that wait in a small buffer, and while the buffer holds {@code concurrency} records the
 * assigned partitions are paused, so the consumer fetches no more until the pool drains.
 *
 * <p>Failures: a record that cannot be decoded or processed (including a missing blob or an
 * engine error) goes to the dead letter topic with its cause and raw bytes, a {@code FAILED}
 * status is reported for its shot when the shot is known, and the worker goes on. Only when the
 * dead letter itself cannot be written does the worker stop: it commits what is complete and
 * reports not ready, and the records after it are redone by the next owner of the partition.
 *
 * <p>Rebalances: before a partition is taken away the worker drops its waiting records, waits up
 * to {@link StageSettings#revokeTimeout()} for its records on worker threads and commits what is
 * complete. Anything uncommitted is redone by the new owner; outputs are idempotent
 * (content-addressed blobs, same key), so a redone record yields the same output again.
 *
 * <p>Progress: after each record's output is acknowledged an {@code IN_PROGRESS} status with the
 * clip id, {@code completed = 1} and {@code total = clipCount} is published (see
 * {@link StageReports}); readers count distinct clip ids per stage.
 */
public final class StageWorker<I, O> implements AutoCloseable, AbruptClose {

    private static final Logger LOG = LoggerFactory.getLogger(StageWorker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(20);

    private enum State { NEW, RUNNING, STOPPING, ABORTING, FAILED, STOPPED }

    private final String stage;
    private final String inputTopic;
    private final String outputTopic;
    private final String statusTopic;
    private final String deadLetterTopic;
    private final String groupId;
    private final Deserializer<I> inputDeserializer;
    private final Serializer<O> outputSerializer;
    private final StageProcessor<I, O> processor;
    private final KafkaClients clients;
    private final StageSettings settings;
    private final Map<String, Object> consumerOverrides;
    private final StageMetrics metrics;
    private final Serializer<ShotStatus> statusSerializer = EventSerdes.of(ShotStatus.class);
    private final Serializer<DeadLetter> deadLetterSerializer = EventSerdes.of(DeadLetter.class);

    private final ExecutorService kafkaThread;
    private final ThreadPoolExecutor pool;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile Throwable failure;
    private volatile KafkaProducer<byte[], byte[]> producer;

    /** Records taken from Kafka, waiting for a worker thread; guarded by itself. */
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Progress per assigned partition; changed by the Kafka thread only, read by gauges and readiness. */
    private final Map<TopicPartition, PartitionProgress> assigned = new ConcurrentHashMap<>();
    private long lastCommitNanos;
    /** This consumer's member id in its group, empty until it joined; set by the Kafka thread. */
    private volatile String memberId = "";

    private StageWorker(Builder<I, O> builder, KafkaClients clients, StageSettings settings, MeterRegistry registry) {
        this.stage = builder.stage;
        this.processor = builder.processor;
        this.inputDeserializer = builder.inputDeserializer;
        this.outputSerializer = builder.outputSerializer;
        this.clients = clients;
        this.settings = settings;
        this.inputTopic = builder.inputTopic != null ? builder.inputTopic : clients.topics().name(builder.input);
        this.outputTopic = builder.outputTopic != null ? builder.outputTopic : clients.topics().name(builder.output);
        this.statusTopic = builder.statusTopic != null ? builder.statusTopic : clients.topics().name(Topic.SHOTS_STATUS);
        this.deadLetterTopic = builder.deadLetterTopic != null ? builder.deadLetterTopic
                : clients.topics().name(Topic.DEADLETTER);
        this.groupId = builder.groupId != null ? builder.groupId : clients.defaultGroupId();
        Map<String, Object> overrides = new LinkedHashMap<>();
        // a poll brings at most one pool's worth; pausing then keeps the buffer small
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.concurrency());
        overrides.putAll(builder.consumerOverrides);
        this.consumerOverrides = Map.copyOf(overrides);
        this.metrics = new StageMetrics(registry, stage, inFlight::get, this::backlog);
        this.kafkaThread = Executors.newSingleThreadExecutor(named(stage + "-kafka"));
        this.pool = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 0L, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), named(stage + "-worker"));
    }

    /**
     * A worker for the stage named {@code stage} (used in status reports, dead letters, metrics
     * and thread names).
     */
    public static <I, O> Builder<I, O> builder(String stage, StageProcessor<I, O> processor,
                                               Deserializer<I> inputDeserializer, Serializer<O> outputSerializer) {
        return new Builder<>(stage, processor, inputDeserializer, outputSerializer);
    }

    // ---- life cycle ------------------------------------------------------------------------

    /** Joins the consumer group and starts working; returns at once. */
    public synchronized StageWorker<I, O> start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException(stage + " worker was already started");
        }
        producer = clients.producer(new ByteArraySerializer(), new ByteArraySerializer());
        kafkaThread.execute(this::run);
        LOG.info("{} consumes {} as group {} with {} worker thread(s), output to {}",
                stage, inputTopic, groupId, settings.concurrency(), outputTopic);
        return this;
    }

    /**
     * Stops gracefully: takes no more records, lets the records on worker threads finish (at most
     * {@link StageSettings#drainTimeout()}), commits what is complete and closes the clients.
     * Records taken from Kafka but not started are left to the next owner. Idempotent.
     */
    @Override
    public void close() {
        if (state.compareAndSet(State.NEW, State.STOPPED)) {
            shutDownThreads();
            return;
        }
        state.compareAndSet(State.RUNNING, State.STOPPING);
        awaitStopped(settings.drainTimeout().plus(CLOSE_MARGIN));
    }

    /**
     * Stops the way a crash would, for tests of redelivery: no further commit, worker threads
     * interrupted, unsent output dropped, and the consumer leaves without telling the group, which
     * hands the partitions to another member only after the session timeout.
     */
    @Override
    public void closeAbruptly() {
        if (state.compareAndSet(State.NEW, State.STOPPED)) {
            shutDownThreads();
            return;
        }
        State now = state.get();
        if (now == State.RUNNING || now == State.STOPPING || now == State.FAILED) {
            state.set(State.ABORTING);
        }
        awaitStopped(CLOSE_MARGIN);
    }

    /**
     * Ready while the worker runs and works: it owns partitions of its input topic, or its group
     * has more members than the topic has partitions (a replica with nothing to do). Down before start, while it waits for partitions (e.g. a dead member still holds
     * them until its session expires), after close or after a fatal failure.
     */
    public ReadinessCheck readiness() {
        return () -> {
            State now = state.get();
            if (now == State.RUNNING) {
                JsonObject details = new JsonObject()
                        .put("stage", stage)
                        .put("input", inputTopic)
                        .put("partitions", assigned.size())
                        .put("inFlight", inFlight.get())
                        .put("backlog", backlog());
                return assigned.isEmpty() ? groupHasNoneToGive().map(idle -> details.put("idle", idle))
                        : Future.succeededFuture(details);
            }
            Throwable cause = failure;
            if (cause != null) {
                return Future.failedFuture(stage + " worker stopped after a failure: " + StageReports.message(cause));
            }
            return Future.failedFuture(stage + " worker is " + now.name().toLowerCase(java.util.Locale.ROOT));
        };
    }

    /**
     * Succeeds when this worker is a member of its group and the group has more members than the
     * input topic has partitions, so a member without partitions is expected. With no more members
     * than partitions every member gets one; one without is still waiting for them.
     */
    private Future<String> groupHasNoneToGive() {
        Admin admin = clients.admin();
        KafkaFuture<ConsumerGroupDescription> group = admin.describeConsumerGroups(List.of(groupId))
                .describedGroups().get(groupId);
        KafkaFuture<TopicDescription> topic = admin.describeTopics(List.of(inputTopic)).topicNameValues().get(inputTopic);
        return Future.fromCompletionStage(group.toCompletionStage().thenCombine(topic.toCompletionStage(), this::idleVerdict))
                .recover(e -> Future.failedFuture(StageReports.message(StageReports.unwrap(e))));
    }

    private String idleVerdict(ConsumerGroupDescription group, TopicDescription topic) {
        int partitions = topic.partitions().size();
        String self = memberId;
        boolean member = !self.isEmpty() && group.members().stream().anyMatch(m -> m.consumerId().equals(self));
        int members = group.members().size();
        if (!member || members <= partitions) {
            throw new IllegalStateException(stage + " holds no partition of " + inputTopic + " yet: group " + groupId
                    + " is " + group.groupState() + (member ? "" : " without it") + " with " + members + " member(s) for "
                    + partitions + " partition(s) (a departed member keeps its partitions until its session expires)");
        }
        return "the group has " + members + " members for " + partitions + " partitions";
    }

    public String stage() {
        return stage;
    }

    public String inputTopic() {
        return inputTopic;
    }

    public String outputTopic() {
        return outputTopic;
    }

    public String groupId() {
        return groupId;
    }

    public boolean running() {
        return state.get() == State.RUNNING;
    }

    /** The failure that stopped the worker, if one did. */
    public java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** Records on worker threads right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Records taken from Kafka whose output is not acknowledged yet (waiting or in flight). */
    public int backlog() {
        int total = 0;
        for (PartitionProgress progress : assigned.values()) {
            total += progress.backlog();
        }
        return total;
    }

    /** Partitions assigned to this worker now. */
    public Set<TopicPartition> assignedPartitions() {
        return Set.copyOf(assigned.keySet());
    }

    // ---- the Kafka thread ------------------------------------------------------------------

    private void run() {
        KafkaConsumer<byte[], byte[]> consumer = null;
        try {
            consumer = clients.consumer(groupId, consumerOverrides, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(List.of(inputTopic), new Rebalance(consumer));
            lastCommitNanos = System.nanoTime();
            while (state.get() == State.RUNNING) {
                applyBackpressure(consumer);
                take(consumer.poll(POLL_TIMEOUT));
                memberId = consumer.groupMetadata().memberId();
                if (System.nanoTime() - lastCommitNanos >= settings.commitInterval().toNanos()) {
                    commit(consumer, false);
                }
            }
        } catch (Throwable e) {
            if (state.get() != State.ABORTING) {
                fail(e);
            }
        } finally {
            try {
                shutDown(consumer);
            } finally {
                if (state.get() != State.FAILED) {
                    state.set(State.STOPPED);
                }
                stopped.complete(null);
                kafkaThread.shutdown();
            }
        }
    }

    private void take(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        synchronized (waiting) {
            for (TopicPartition partition : records.partitions()) {
                PartitionProgress progress = assigned.get(partition);
                if (progress == null) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    progress.track(record.offset());
                    waiting.addLast(new Pending(record, progress));
                }
            }
        }
        dispatch();
    }

    /** Pauses every assigned partition while a pool's worth of records waits; resumes when it drains. */
    private void applyBackpressure(KafkaConsumer<byte[], byte[]> consumer) {
        int queued;
        synchronized (waiting) {
            queued = waiting.size();
        }
        if (queued >= settings.concurrency()) {
            Set<TopicPartition> toPause = new HashSet<>(consumer.assignment());
            toPause.removeAll(consumer.paused());
            if (!toPause.isEmpty()) {
                consumer.pause(toPause);
            }
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void commit(KafkaConsumer<byte[], byte[]> consumer, boolean sync) {
        commit(consumer, assigned.values(), sync);
    }

    private void commit(KafkaConsumer<byte[], byte[]> consumer, Collection<PartitionProgress> partitions, boolean sync) {
        lastCommitNanos = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, PartitionProgress> owners = new HashMap<>();
        for (PartitionProgress progress : partitions) {
            progress.committable().ifPresent(position -> {
                offsets.put(progress.partition(), new OffsetAndMetadata(position));
                owners.put(progress.partition(), progress);
            });
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets, COMMIT_TIMEOUT);
            offsets.forEach((partition, offset) -> owners.get(partition).committed(offset.offset()));
            LOG.debug("{} committed {}", stage, offsets);
        } else {
            consumer.commitAsync(offsets, (done, error) -> {
                if (error != null) {
                    LOG.warn("{} could not commit {}: {}", stage, offsets, error.toString());
                } else {
                    done.forEach((partition, offset) -> owners.get(partition).committed(offset.offset()));
                }
            });
        }
    }

    private void shutDown(KafkaConsumer<byte[], byte[]> consumer) {
        synchronized (waiting) {
            waiting.clear();
        }
        if (state.get() == State.ABORTING) {
            pool.shutdownNow();
            if (consumer != null) {
                closeQuietly(() -> consumer.close(CloseOptions
                        .groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                        .withTimeout(Duration.ZERO)));
            }
            KafkaProducer<byte[], byte[]> output = producer;
            if (output != null) {
                closeQuietly(() -> output.close(Duration.ZERO));
            }
            LOG.warn("{} stopped abruptly; uncommitted records will be redone", stage);
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(settings.drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: records still running after {}; they will be redone by the next owner",
                        stage, settings.drainTimeout());
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
        if (consumer != null) {
            closeQuietly(() -> commit(consumer, true));
            // a static member leaves too: its partitions move now, not after its session expires
            closeQuietly(() -> consumer.close(CloseOptions
                    .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)));
        }
        KafkaProducer<byte[], byte[]> output = producer;
        if (output != null) {
            closeQuietly(() -> output.close(PRODUCER_CLOSE_TIMEOUT));
        }
        assigned.clear();
        LOG.info("{} stopped", stage);
    }

    /** Cooperative rebalances: hand over revoked partitions with what is complete committed. */
    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> consumer;

        Rebalance(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                assigned.put(partition, new PartitionProgress(partition));
            }
            if (!partitions.isEmpty()) {
                LOG.info("{} assigned {}", stage, partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            List<PartitionProgress> leaving = drop(partitions);
            if (state.get() != State.RUNNING) {
                return;
            }
            long deadline = System.nanoTime() + settings.revokeTimeout().toNanos();
            try {
                for (PartitionProgress progress : leaving) {
                    if (!progress.awaitIdle(deadline)) {
                        LOG.warn("{}: {} still has records running after {}; the new owner redoes them",
                                stage, progress.partition(), settings.revokeTimeout());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                commit(consumer, leaving, true);
            } catch (RuntimeException e) {
                LOG.warn("{} could not commit revoked partitions {}: {}", stage, partitions, e.toString());
            }
            LOG.info("{} revoked {}", stage, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
            LOG.warn("{} lost {} without a chance to commit; the new owner redoes uncommitted records", stage, partitions);
        }

        private List<PartitionProgress> drop(Collection<TopicPartition> partitions) {
            synchronized (waiting) {
                waiting.removeIf(pending -> partitions.contains(pending.progress().partition()));
            }
            List<PartitionProgress> dropped = new java.util.ArrayList<>();
            for (TopicPartition partition : partitions) {
                PartitionProgress progress = assigned.remove(partition);
                if (progress != null) {
                    dropped.add(progress);
                }
            }
            return dropped;
        }
    }

    // ---- worker threads --------------------------------------------------------------------

    /** Starts waiting records while the pool has room; called by the Kafka thread and by finishing records. */
    private void dispatch() {
        while (true) {
            Pending next;
            synchronized (waiting) {
                if (state.get() != State.RUNNING || waiting.isEmpty() || inFlight.get() >= settings.concurrency()) {
                    return;
                }
                next = waiting.pollFirst();
                inFlight.incrementAndGet();
                next.progress().started();
            }
            try {
                pool.execute(() -> work(next));
            } catch (RejectedExecutionException e) {
                // the pool shut down between the state check and here: the record is left to the next owner
                inFlight.decrementAndGet();
                next.progress().finished();
                return;
            }
        }
    }

    private void work(Pending item) {
        ConsumerRecord<byte[], byte[]> record = item.record();
        long start = System.nanoTime();
        ClipRef clip = null;
        boolean done = false;
        try {
            I input = decode(record);
            clip = processor.describe(input);
            StageOutput<O> output = processor.process(input);
            byte[] value = outputSerializer.serialize(outputTopic, output.value());
            send(outputTopic, output.key().getBytes(StandardCharsets.UTF_8), value);
            if (clip != null) {
                report(clip, statusSerializer.serialize(statusTopic, StageReports.progress(stage, clip, now())));
            }
            metrics.processed(Duration.ofNanos(System.nanoTime() - start));
            done = true;
        } catch (Exception e) {
            if (abandoned(e)) {
                return;
            }
            done = deadLetter(record, clip, StageReports.unwrap(e), start);
        } catch (Error e) {
            // the JVM is in trouble (out of memory, missing native code): stop visibly rather than stall the partition
            if (state.get() != State.ABORTING) {
                fail(new IllegalStateException(stage + " cannot process " + record.topic() + "-" + record.partition()
                        + "@" + record.offset() + ": " + e, e));
            }
        } finally {
            if (done) {
                item.progress().complete(record.offset());
            }
            item.progress().finished();
            inFlight.decrementAndGet();
            dispatch();
        }
    }

    private I decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("the record has no value");
        }
        I input = inputDeserializer.deserialize(record.topic(), record.headers(), record.value());
        if (input == null) {
            throw new IllegalArgumentException("the record's value decodes to nothing");
        }
        return input;
    }

    /** True when the record was cut off by a stop, not by its own fault: then it is redone, not dead-lettered. */
    private boolean abandoned(Exception e) {
        State now = state.get();
        if (now == State.ABORTING) {
            return true;
        }
        return now != State.RUNNING && (Thread.currentThread().isInterrupted()
                || StageReports.unwrap(e) instanceof InterruptedException);
    }

    private boolean deadLetter(ConsumerRecord<byte[], byte[]> record, ClipRef clip, Throwable cause, long start) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        try {
            DeadLetter letter = StageReports.deadLetter(stage, record, clip, cause, now());
            send(deadLetterTopic, record.key(), deadLetterSerializer.serialize(deadLetterTopic, letter));
            if (clip != null) {
                report(clip, statusSerializer.serialize(statusTopic, StageReports.failed(stage, clip, cause, now())));
            }
            metrics.failed(Duration.ofNanos(System.nanoTime() - start));
            LOG.warn("{} sent {} to {}: {} ({})", stage, where, deadLetterTopic, letter.getCause(), letter.getCauseClass());
            return true;
        } catch (Exception e) {
            if (state.get() == State.ABORTING) {
                return false;
            }
            fail(new IllegalStateException("cannot write the dead letter for " + where + " to " + deadLetterTopic
                    + ": " + StageReports.message(StageReports.unwrap(e)), e));
            return false;
        }
    }

    private void send(String topic, byte[] key, byte[] value) throws InterruptedException, ExecutionException {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    /** Status reports are informative: a failed report is logged, it does not fail the record. */
    private void report(ClipRef clip, byte[] status) throws InterruptedException {
        try {
            send(statusTopic, clip.shotId().getBytes(StandardCharsets.UTF_8), status);
        } catch (ExecutionException e) {
            LOG.warn("{} could not report the status of {}: {}", stage, clip.clipId(), e.getCause().toString());
        }
    }

    private void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        State now = state.get();
        if (now == State.RUNNING || now == State.STOPPING) {
            state.set(State.FAILED);
        }
        LOG.error("{} worker stops: {}", stage, cause.toString(), cause);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void awaitStopped(Duration timeout) {
        try {
            stopped.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{} worker did not stop within {}", stage, timeout);
        }
    }

    private void shutDownThreads() {
        kafkaThread.shutdown();
        pool.shutdown();
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private void closeQuietly(ThrowingRunnable action) {
        try {
            action.run();
        } catch (Exception e) {
            LOG.warn("{} while stopping: {}", stage, e.toString());
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger sequence = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Pending(ConsumerRecord<byte[], byte[]> record, PartitionProgress progress) {
    }

    // ---- builder ---------------------------------------------------------------------------

    /** How to build a {@link StageWorker}. */
    public static final class Builder<I, O> {
        private final String stage;
        private final StageProcessor<I, O> processor;
        private final Deserializer<I> inputDeserializer;
        private final Serializer<O> outputSerializer;
        private Topic input;
        private Topic output;
        private String inputTopic;
        private String outputTopic;
        private String statusTopic;
        private String deadLetterTopic;
        private String groupId;
        private KafkaClients clients;
        private MeterRegistry registry;
        private StageSettings settings;
        private final Map<String, Object> consumerOverrides = new LinkedHashMap<>();

        private Builder(String stage, StageProcessor<I, O> processor,
                        Deserializer<I> inputDeserializer, Serializer<O> outputSerializer) {
            this.stage = Objects.requireNonNull(stage, "stage");
            this.processor = Objects.requireNonNull(processor, "processor");
            this.inputDeserializer = Objects.requireNonNull(inputDeserializer, "inputDeserializer");
            this.outputSerializer = Objects.requireNonNull(outputSerializer, "outputSerializer");
        }

        /** The topic to consume, named with the configured prefix. */
        public Builder<I, O> input(Topic topic) {
            this.input = Objects.requireNonNull(topic, "topic");
            this.inputTopic = null;
            return this;
        }

        /** The topic to consume, by its real name. */
        public Builder<I, O> input(String topic) {
            this.inputTopic = Objects.requireNonNull(topic, "topic");
            this.input = null;
            return this;
        }

        public Builder<I, O> output(Topic topic) {
            this.output = Objects.requireNonNull(topic, "topic");
            this.outputTopic = null;
            return this;
        }

        public Builder<I, O> output(String topic) {
            this.outputTopic = Objects.requireNonNull(topic, "topic");
            this.output = null;
            return this;
        }

        /** Default: the pipeline's status topic. */
        public Builder<I, O> statusTopic(String topic) {
            this.statusTopic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** Default: the pipeline's dead letter topic. */
        public Builder<I, O> deadLetterTopic(String topic) {
            this.deadLetterTopic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** Default: the service's group, topic prefix plus service name. */
        public Builder<I, O> groupId(String group) {
            this.groupId = Objects.requireNonNull(group, "group");
            return this;
        }

        public Builder<I, O> clients(KafkaClients kafkaClients) {
            this.clients = Objects.requireNonNull(kafkaClients, "kafkaClients");
            return this;
        }

        /** Where the worker's meters go; default: a private registry. */
        public Builder<I, O> meterRegistry(MeterRegistry meterRegistry) {
            this.registry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        public Builder<I, O> settings(StageSettings stageSettings) {
            this.settings = Objects.requireNonNull(stageSettings, "stageSettings");
            return this;
        }

        /** A consumer property set in code; {@code ANIDOC_KAFKA_CONSUMER_*} variables still win. */
        public Builder<I, O> consumerProperty(String name, Object value) {
            consumerOverrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public StageWorker<I, O> build() {
            if (clients == null) {
                throw new IllegalStateException(stage + " worker needs Kafka clients");
            }
            if (input == null && inputTopic == null) {
                throw new IllegalStateException(stage + " worker needs an input topic");
            }
            if (output == null && outputTopic == null) {
                throw new IllegalStateException(stage + " worker needs an output topic");
            }
            StageSettings effective = settings != null ? settings
                    : StageSettings.of(Runtime.getRuntime().availableProcessors());
            return new StageWorker<>(this, clients, effective, registry != null ? registry : new SimpleMeterRegistry());
        }

        /**
         * Builds the worker on the service's Kafka clients, meter registry and settings
         * ({@link StageSettings#from}), starts it, stops it gracefully at shutdown and adds it to
         * {@code /health/ready} as the check {@code stage}.
         */
        public StageWorker<I, O> startIn(ServiceContext context) {
            clients(context.kafka());
            meterRegistry(context.meterRegistry());
            if (settings == null) {
                settings(StageSettings.from(context.source(), context.config().service()));
            }
            StageWorker<I, O> worker = build();
            context.onClose(worker);
            context.readiness("stage", worker.readiness());
            return worker.start();
        }
    }
}
