package io.anidoc.runtime.stage;

import io.anidoc.runtime.kafka.BusyPartitionsAssignor;
import io.anidoc.runtime.kafka.KafkaClients;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.service.AbruptClose;
import io.anidoc.runtime.service.LivenessCheck;
import io.anidoc.runtime.service.ReadinessCheck;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.runtime.service.ShutdownBudget;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

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
 * <p>Rebalances ({@link StageRebalance}): before a partition is taken away the worker drops its
 * waiting records, waits up to {@link StageSettings#revokeTimeout()} for its records on worker
 * threads and commits what is complete; a lost partition is dropped without a commit. Anything
 * uncommitted is redone by the new owner; outputs are idempotent (content-addressed blobs, same
 * key), so a redone record yields the same output again.
 *
 * <p>Stopping: a graceful close shares {@code ANIDOC_SHUTDOWN_TIMEOUT} out as its
 * {@link io.anidoc.runtime.service.ShutdownBudget} says (drain, final commit, consumer close,
 * producer close), so the whole stop fits the timeout. A worker that stopped on a fatal failure
 * turns {@link #liveness()} down at once.
 *
 * <p>Parts: {@link StageQueue} (records taken and their partitions), {@link RecordWork} (one
 * record on a worker thread), {@link StageCommits}, {@link StageRebalance}; the clients come from
 * a {@link StageKafka}.
 *
 * <p>Progress: after each record's output is acknowledged an {@code IN_PROGRESS} status with the
 * clip id, {@code completed = 1} and {@code total = clipCount} is published (see
 * {@link StageReports}); readers count distinct clip ids per stage.
 */
public final class StageWorker<I, O> implements AutoCloseable, AbruptClose {

    private static final Logger LOG = LoggerFactory.getLogger(StageWorker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /** How long an abrupt stop waits for the Kafka thread. */
    private static final Duration ABORT_WAIT = Duration.ofSeconds(20);

    private enum State { NEW, RUNNING, STOPPING, ABORTING, FAILED, STOPPED }

    private final String stage;
    private final String inputTopic;
    private final RecordWork.Topics topics;
    private final String groupId;
    private final Deserializer<I> inputDeserializer;
    private final Serializer<O> outputSerializer;
    private final StageProcessor<I, O> processor;
    private final StageKafka kafka;
    private final StageSettings settings;
    private final Map<String, Object> consumerOverrides;
    private final StageMetrics metrics;

    private final ExecutorService kafkaThread;
    private final ThreadPoolExecutor pool;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final StageQueue queue = new StageQueue();
    private final StageCommits commits;
    private volatile Throwable failure;
    private volatile Producer<byte[], byte[]> producer;
    private volatile RecordWork<I, O> work;
    /** This consumer's member id in its group, empty until it joined; set by the Kafka thread. */
    private volatile String memberId = "";

    private StageWorker(Builder<I, O> builder, StageKafka kafka, StageSettings settings, MeterRegistry registry) {
        this.stage = builder.stage;
        this.processor = builder.processor;
        this.inputDeserializer = builder.inputDeserializer;
        this.outputSerializer = builder.outputSerializer;
        this.kafka = kafka;
        this.settings = settings;
        KafkaClients clients = builder.clients;
        this.inputTopic = builder.inputTopic != null ? builder.inputTopic : clients.topics().name(builder.input);
        this.topics = new RecordWork.Topics(
                builder.outputTopic != null ? builder.outputTopic : clients.topics().name(builder.output),
                builder.statusTopic != null ? builder.statusTopic : clients.topics().name(Topic.SHOTS_STATUS),
                builder.deadLetterTopic != null ? builder.deadLetterTopic : clients.topics().name(Topic.DEADLETTER));
        this.groupId = builder.groupId != null ? builder.groupId : clients.defaultGroupId();
        Map<String, Object> overrides = new LinkedHashMap<>();
        // a poll brings at most one pool's worth; pausing then keeps the buffer small
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.concurrency());
        // the group's assignor asks which partitions have a clip running (BusyPartitionsAssignor)
        overrides.put(BusyPartitionsAssignor.BUSY_PARTITIONS, (Supplier<Set<TopicPartition>>) queue::busyPartitions);
        overrides.putAll(builder.consumerOverrides);
        this.consumerOverrides = Map.copyOf(overrides);
        this.metrics = new StageMetrics(registry, stage, queue::inFlight, queue::backlog);
        this.commits = new StageCommits(stage, settings.shutdown().commit());
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
        producer = kafka.producer();
        work = new RecordWork<>(stage, processor, inputDeserializer, outputSerializer, producer, topics, metrics,
                new RecordWork.Outcomes() {
                    @Override
                    public boolean aborting() {
                        return state.get() == State.ABORTING;
                    }

                    @Override
                    public boolean running() {
                        return state.get() == State.RUNNING;
                    }

                    @Override
                    public void fatal(Throwable cause) {
                        fail(cause);
                    }
                });
        kafkaThread.execute(this::run);
        LOG.info("{} consumes {} as group {} with {} worker thread(s), output to {}",
                stage, inputTopic, groupId, settings.concurrency(), topics.output());
        return this;
    }

    /**
     * Stops gracefully: takes no more records, lets the records on worker threads finish, commits
     * what is complete and closes the clients, each step within its share of the
     * {@link StageSettings#shutdown() shutdown budget}. Records taken from Kafka but not started
     * are left to the next owner. Idempotent.
     */
    @Override
    public void close() {
        if (state.compareAndSet(State.NEW, State.STOPPED)) {
            shutDownThreads();
            return;
        }
        state.compareAndSet(State.RUNNING, State.STOPPING);
        // the Kafka thread sees the stop within one poll
        awaitStopped(settings.shutdown().worker().plus(POLL_TIMEOUT));
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
        awaitStopped(ABORT_WAIT);
    }

    /** Completes once the worker's Kafka thread has closed its clients. */
    public CompletableFuture<Void> stopped() {
        return stopped.copy();
    }

    /**
     * Ready while the worker runs and works: it owns partitions of its input topic, or its group
     * has more members than the topic has partitions (a replica with nothing to do). Down before
     * start, while it waits for partitions (e.g. a dead member still holds them until its session
     * expires), after close or after a fatal failure.
     */
    public ReadinessCheck readiness() {
        return () -> {
            State now = state.get();
            if (now == State.RUNNING) {
                JsonObject details = new JsonObject()
                        .put("stage", stage)
                        .put("input", inputTopic)
                        .put("partitions", queue.assignedPartitions().size())
                        .put("inFlight", queue.inFlight())
                        .put("backlog", queue.backlog());
                return queue.nothingAssigned() ? groupHasNoneToGive().map(idle -> details.put("idle", idle))
                        : Future.succeededFuture(details);
            }
            Throwable cause = failure;
            if (cause != null) {
                return Future.failedFuture(deadReason(cause));
            }
            return Future.failedFuture(stage + " worker is " + now.name().toLowerCase(Locale.ROOT));
        };
    }

    /**
     * Dead from the moment the worker stopped on a fatal failure (a dead letter it could not
     * write, an {@link Error}, a consumer that failed): it never takes records again, so only a
     * restart of the process brings the stage back.
     */
    public LivenessCheck liveness() {
        return () -> state.get() == State.FAILED ? Optional.of(deadReason(failure)) : Optional.empty();
    }

    private String deadReason(Throwable cause) {
        return stage + " worker stopped after a failure: " + StageReports.message(cause);
    }

    /**
     * Succeeds when this worker is a member of its group and the group has more members than the
     * input topic has partitions, so a member without partitions is expected. With no more members
     * than partitions every member gets one; one without is still waiting for them.
     */
    private Future<String> groupHasNoneToGive() {
        Optional<Admin> available = kafka.admin();
        if (available.isEmpty()) {
            return Future.failedFuture(stage + " holds no partition of " + inputTopic + " yet");
        }
        Admin admin = available.get();
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
        return topics.output();
    }

    public String groupId() {
        return groupId;
    }

    public boolean running() {
        return state.get() == State.RUNNING;
    }

    /** The failure that stopped the worker, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Records on worker threads right now. */
    public int inFlight() {
        return queue.inFlight();
    }

    /** Records taken from Kafka whose output is not acknowledged yet (waiting or in flight). */
    public int backlog() {
        return queue.backlog();
    }

    /** Partitions assigned to this worker now. */
    public Set<TopicPartition> assignedPartitions() {
        return queue.assignedPartitions();
    }

    // ---- the Kafka thread ------------------------------------------------------------------

    private void run() {
        Consumer<byte[], byte[]> consumer = null;
        try {
            consumer = kafka.consumer(groupId, consumerOverrides);
            consumer.subscribe(List.of(inputTopic), new StageRebalance(stage, consumer, queue, commits,
                    settings.revokeTimeout(), this::running));
            while (state.get() == State.RUNNING) {
                applyBackpressure(consumer);
                queue.take(consumer.poll(POLL_TIMEOUT));
                dispatch();
                memberId = consumer.groupMetadata().memberId();
                if (commits.due(settings.commitInterval())) {
                    commits.commit(consumer, queue.partitions(), false);
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

    /** Pauses every assigned partition while a pool's worth of records waits; resumes when it drains. */
    private void applyBackpressure(Consumer<byte[], byte[]> consumer) {
        if (queue.waitingCount() >= settings.concurrency()) {
            Set<TopicPartition> toPause = new HashSet<>(consumer.assignment());
            toPause.removeAll(consumer.paused());
            if (!toPause.isEmpty()) {
                consumer.pause(toPause);
            }
        } else if (!consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void shutDown(Consumer<byte[], byte[]> consumer) {
        queue.clearWaiting();
        if (state.get() == State.ABORTING) {
            pool.shutdownNow();
            if (consumer != null) {
                closeQuietly(() -> consumer.close(CloseOptions
                        .groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
                        .withTimeout(Duration.ZERO)));
            }
            Producer<byte[], byte[]> output = producer;
            if (output != null) {
                closeQuietly(() -> output.close(Duration.ZERO));
            }
            LOG.warn("{} stopped abruptly; uncommitted records will be redone", stage);
            return;
        }
        ShutdownBudget budget = settings.shutdown();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(budget.drain().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: records still running after {}; they will be redone by the next owner",
                        stage, budget.drain());
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
        if (consumer != null) {
            closeQuietly(() -> commits.commit(consumer, queue.partitions(), true));
            // a static member leaves too: its partitions move now, not after its session expires
            closeQuietly(() -> consumer.close(CloseOptions
                    .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(budget.consumerClose())));
        }
        Producer<byte[], byte[]> output = producer;
        if (output != null) {
            closeQuietly(() -> output.close(budget.producerClose()));
        }
        queue.clearAssigned();
        LOG.info("{} stopped", stage);
    }

    // ---- worker threads --------------------------------------------------------------------

    /** Starts waiting records while the pool has room; called by the Kafka thread and by finishing records. */
    private void dispatch() {
        StageQueue.Pending next;
        while ((next = queue.startNext(settings.concurrency(), this::running)) != null) {
            StageQueue.Pending item = next;
            try {
                pool.execute(() -> work(item));
            } catch (RejectedExecutionException e) {
                // the pool shut down between the state check and here: the record is left to the next owner
                queue.finished(item);
                return;
            }
        }
    }

    private void work(StageQueue.Pending item) {
        boolean done = false;
        try {
            done = work.handle(item.record());
        } finally {
            if (done) {
                item.progress().complete(item.record().offset());
            }
            queue.finished(item);
            dispatch();
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

    private static ThreadFactory named(String prefix) {
        AtomicInteger sequence = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + sequence.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
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
        private StageKafka kafka;
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

        /** Where the worker's consumer and producer come from; default: {@link StageKafka#of} the clients. */
        public Builder<I, O> kafka(StageKafka clientFactory) {
            this.kafka = Objects.requireNonNull(clientFactory, "clientFactory");
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
            if (clients == null && (kafka == null || input != null || output != null || statusTopic == null
                    || deadLetterTopic == null || groupId == null)) {
                throw new IllegalStateException(stage + " worker needs Kafka clients, or a client factory with every "
                        + "topic and the group named");
            }
            if (input == null && inputTopic == null) {
                throw new IllegalStateException(stage + " worker needs an input topic");
            }
            if (output == null && outputTopic == null) {
                throw new IllegalStateException(stage + " worker needs an output topic");
            }
            StageSettings effective = settings != null ? settings
                    : StageSettings.of(Runtime.getRuntime().availableProcessors());
            return new StageWorker<>(this, kafka != null ? kafka : StageKafka.of(clients), effective,
                    registry != null ? registry : new SimpleMeterRegistry());
        }

        /**
         * Builds the worker on the service's Kafka clients, meter registry and settings
         * ({@link StageSettings#from}), starts it, stops it gracefully at shutdown and adds it to
         * {@code /health/ready} and {@code /health/live} as the check {@code stage}.
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
            context.liveness("stage", worker.liveness());
            return worker.start();
        }
    }
}
