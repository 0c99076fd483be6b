package io.anidoc.runtime.stage;

import io.anidoc.runtime.blob.BlobNotFoundException;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.blob.FileBlobStore;
import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.kafka.KafkaClients;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.TopicProvisioner;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.runtime.service.ServiceLauncher;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipFrame;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StageWorkerIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path blobRoot;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void offsetsAreCommittedOnlyAfterTheOutputOfEveryEarlierRecordIsAcknowledged() throws Exception {
        Fixture fx = fixture(1);
        List<ClipTask> tasks = fx.tasks("shot-a", 10);
        EchoProcessor processor = new EchoProcessor(fx.blobs, Duration.ZERO, task -> task.getClipIndex() == 3);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StageWorker<ClipTask, ClipMatched> worker = fx.worker(processor, StageSettings.of(4)
                .withCommitInterval(Duration.ofMillis(100)), registry);
        fx.send(tasks);
        worker.start();

        TopicTail<ClipMatched> outputs = fx.tail(fx.output, ClipMatched.class);
        outputs.awaitUntil(read -> keys(read).size() == 9, WAIT);
        TopicPartition partition = new TopicPartition(fx.input, 0);
        // records 0..2 are done, 3 is held: the commit stops before 3 however many later records are done
        // (that no commit passes a held record, however long it is held, StageWorkerTest shows commit by commit)
        await().atMost(WAIT).until(() -> fx.committed(worker.groupId(), partition) == 3L);
        assertThat(keys(outputs.read())).doesNotContain(tasks.get(3).getClipId());
        assertThat(worker.backlog()).as("record 3 is not done").isEqualTo(1);

        processor.release();
        await().atMost(WAIT).until(() -> fx.committed(worker.groupId(), partition) == 10L);
        List<ConsumerRecord<String, ClipMatched>> all = outputs.awaitUntil(read -> keys(read).size() == 10, WAIT);
        assertThat(keys(all)).containsExactlyInAnyOrderElementsOf(tasks.stream().map(ClipTask::getClipId).toList());
        for (ConsumerRecord<String, ClipMatched> record : all) {
            assertThat(record.value().getClipId()).isEqualTo(record.key());
            assertThat(fx.blobs.exists(record.value().getMatches())).isTrue();
        }

        // one IN_PROGRESS report per clip: completed 1 of clipCount, readers count distinct clip ids
        TopicTail<ShotStatus> statuses = fx.tail(fx.status, ShotStatus.class);
        List<ConsumerRecord<String, ShotStatus>> reports = statuses.awaitCount(10, WAIT);
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo("shot-a");
            assertThat(r.value().getStage()).isEqualTo("echo");
            assertThat(r.value().getState()).isEqualTo(ShotState.IN_PROGRESS);
            assertThat(r.value().getCompleted()).isEqualTo(1);
            assertThat(r.value().getTotal()).isEqualTo(10);
        });
        assertThat(reports.stream().map(r -> r.value().getClipId()).collect(Collectors.toSet())).hasSize(10);

        assertThat(registry.get("anidoc.stage.records.processed").tag("stage", "echo").counter().count()).isEqualTo(10.0);
        assertThat(registry.get("anidoc.stage.record.latency").tag("stage", "echo").timer().count()).isEqualTo(10L);
        assertThat(registry.get("anidoc.stage.records.in.flight").gauge().value()).isZero();
    }

    @Test
    void aRecordThatFailsGoesToTheDeadLetterTopicAndLaterRecordsAreProcessed() throws Exception {
        Fixture fx = fixture(1);
        List<ClipTask> tasks = fx.tasks("shot-b", 5);
        // record 2 names line art that was never stored
        BlobRef missing = BlobRef.newBuilder(tasks.get(2).getFrames().get(0).getLine())
                .setUri("blob:sha256/" + "0".repeat(64)).setSha256("0".repeat(64)).build();
        tasks.get(2).getFrames().get(0).setLine(missing);
        byte[] poison = "this is not an event".getBytes(StandardCharsets.UTF_8);

        EchoProcessor processor = new EchoProcessor(fx.blobs, Duration.ZERO);
        StageWorker<ClipTask, ClipMatched> worker = fx.worker(processor, StageSettings.of(2)
                .withCommitInterval(Duration.ofMillis(100)), new SimpleMeterRegistry());
        fx.send(List.of(tasks.get(0)));
        fx.sendRaw(tasks.get(1).getClipId(), poison);
        fx.send(tasks.subList(2, 5));
        worker.start();

        TopicTail<ClipMatched> outputs = fx.tail(fx.output, ClipMatched.class);
        List<ConsumerRecord<String, ClipMatched>> done = outputs.awaitUntil(read -> keys(read).size() == 3, WAIT);
        assertThat(keys(done)).containsExactlyInAnyOrder(
                tasks.get(0).getClipId(), tasks.get(3).getClipId(), tasks.get(4).getClipId());

        TopicTail<DeadLetter> deadLetters = fx.tail(fx.deadLetter, DeadLetter.class);
        Map<Long, DeadLetter> letters = deadLetters.awaitCount(2, WAIT).stream()
                .collect(Collectors.toMap(r -> r.value().getOffset(), ConsumerRecord::value));
        DeadLetter undecodable = letters.get(1L);
        assertThat(undecodable.getStage()).isEqualTo("echo");
        assertThat(undecodable.getCauseClass()).isEqualTo(SerializationException.class.getName());
        assertThat(undecodable.getCause()).contains("ClipTask");
        assertThat(undecodable.getSourceTopic()).isEqualTo(fx.input);
        assertThat(undecodable.getPartition()).isZero();
        assertThat(bytes(undecodable.getValue())).isEqualTo(poison);
        assertThat(new String(bytes(undecodable.getKey()), StandardCharsets.UTF_8)).isEqualTo(tasks.get(1).getClipId());
        assertThat(undecodable.getShotId()).as("nothing tells the shot of undecodable bytes").isNull();

        DeadLetter noBlob = letters.get(2L);
        assertThat(noBlob.getCauseClass()).isEqualTo(BlobNotFoundException.class.getName());
        assertThat(noBlob.getCause()).contains("0".repeat(64));
        assertThat(noBlob.getShotId()).isEqualTo("shot-b");
        assertThat(bytes(noBlob.getValue())).isEqualTo(EventSerdes.of(ClipTask.class).serialize(fx.input, tasks.get(2)));

        TopicTail<ShotStatus> statuses = fx.tail(fx.status, ShotStatus.class);
        List<ConsumerRecord<String, ShotStatus>> reports = statuses.awaitUntil(read -> read.stream()
                .anyMatch(r -> r.value().getState() == ShotState.FAILED), WAIT);
        ShotStatus failed = reports.stream().map(ConsumerRecord::value)
                .filter(s -> s.getState() == ShotState.FAILED).findFirst().orElseThrow();
        assertThat(failed.getShotId()).isEqualTo("shot-b");
        assertThat(failed.getClipId()).isEqualTo(tasks.get(2).getClipId());
        assertThat(failed.getMessage()).contains("echo failed on " + tasks.get(2).getClipId()).contains("0".repeat(64));

        // dead-lettered records count as done: everything is committed and the worker is still ready
        await().atMost(WAIT).until(() -> fx.committed(worker.groupId(), new TopicPartition(fx.input, 0)) == 5L);
        assertThat(worker.readiness().check().succeeded()).isTrue();
        assertThat(worker.running()).isTrue();
    }

    @Test
    void aFullPoolPausesConsumptionSoTheBacklogStaysBounded() throws Exception {
        Fixture fx = fixture(2);
        List<ClipTask> tasks = fx.tasks("shot-c", 60);
        fx.send(tasks);
        EchoProcessor processor = new EchoProcessor(fx.blobs, Duration.ofMillis(5));
        StageWorker<ClipTask, ClipMatched> worker = fx.worker(processor, StageSettings.of(1), new SimpleMeterRegistry());

        AtomicInteger peakBacklog = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peakBacklog.accumulateAndGet(worker.backlog(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        worker.start();
        TopicTail<ClipMatched> outputs = fx.tail(fx.output, ClipMatched.class);
        outputs.awaitUntil(read -> keys(read).size() == 60, WAIT);
        sampling.set(false);
        sampler.join();

        assertThat(processor.peakActive()).as("records worked on at once").isEqualTo(1);
        // one running, one waiting, and one more a poll may bring as the pause takes effect
        assertThat(peakBacklog.get()).as("records taken from Kafka but not done").isBetween(1, 3);
        assertThat(processor.calls()).isEqualTo(60);
    }

    @Test
    void aReplicaThatJoinsWhileAClipRunsGetsIdlePartitionsWithoutWaitingForTheClip() throws Exception {
        Fixture fx = fixture(6);
        List<ClipTask> tasks = fx.tasks("shot-j", 24);
        fx.send(tasks);
        // long enough that a rebalance revoking the running clip's partition would hold the newcomer for the whole test
        StageSettings settings = StageSettings.of(1).withRevokeTimeout(Duration.ofMinutes(2));
        AtomicReference<ClipTask> held = new AtomicReference<>();
        EchoProcessor first = new EchoProcessor(fx.blobs, Duration.ofMillis(5), task -> held.compareAndSet(null, task));
        StageWorker<ClipTask, ClipMatched> owner = fx.worker(first, settings, new SimpleMeterRegistry());
        owner.start();
        await().atMost(WAIT).until(() -> held.get() != null && owner.assignedPartitions().size() == 6);
        TopicPartition running = new TopicPartition(fx.input,
                Utils.toPositive(Utils.murmur2(held.get().getClipId().getBytes(StandardCharsets.UTF_8))) % 6);

        EchoProcessor second = new EchoProcessor(fx.blobs, Duration.ofMillis(5));
        StageWorker<ClipTask, ClipMatched> joining = fx.worker(second, settings, new SimpleMeterRegistry());
        joining.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> second.calls() > 0);

        assertThat(first.calls()).as("the owner is still on its first clip").isEqualTo(1);
        assertThat(owner.assignedPartitions()).as("the running clip's partition stayed").contains(running).hasSize(3);
        assertThat(joining.assignedPartitions()).hasSize(3).doesNotContain(running);
        first.release();
        TopicTail<ClipMatched> outputs = fx.tail(fx.output, ClipMatched.class);
        outputs.awaitUntil(read -> keys(read).size() == 24, WAIT);
    }

    @Test
    void afterACrashTheNextWorkerRedoesUncommittedRecordsAndNothingIsLost() throws Exception {
        Fixture fx = fixture(2);
        List<ClipTask> tasks = fx.tasks("shot-d", 40);
        fx.send(tasks);
        StageSettings settings = StageSettings.of(2).withCommitInterval(Duration.ofMillis(500));

        EchoProcessor first = new EchoProcessor(fx.blobs, Duration.ofMillis(80));
        StageWorker<ClipTask, ClipMatched> crashing = fx.worker(first, settings, new SimpleMeterRegistry());
        crashing.start();
        TopicTail<ClipMatched> outputs = fx.tail(fx.output, ClipMatched.class);
        outputs.awaitCount(12, WAIT);
        crashing.closeAbruptly();
        // the crash dropped what was not sent yet: the topic's end now is all the first worker wrote
        int beforeCrash = outputs.readToEnd(WAIT).size();
        assertThat(beforeCrash).as("the crash came mid-stream").isLessThan(40);

        EchoProcessor second = new EchoProcessor(fx.blobs, Duration.ofMillis(5));
        StageWorker<ClipTask, ClipMatched> successor = fx.worker(second, settings, new SimpleMeterRegistry());
        successor.start();
        List<ConsumerRecord<String, ClipMatched>> all = outputs.awaitUntil(read -> keys(read).size() == 40, WAIT);

        assertThat(keys(all)).containsExactlyInAnyOrderElementsOf(tasks.stream().map(ClipTask::getClipId).toList());
        assertThat(second.calls()).as("the successor did the rest").isGreaterThanOrEqualTo(40 - beforeCrash);
        // duplicates are allowed, but a redone record gives exactly the same output
        Map<String, Set<String>> valuesByKey = new HashMap<>();
        for (ConsumerRecord<String, ClipMatched> record : all) {
            valuesByKey.computeIfAbsent(record.key(), k -> new HashSet<>()).add(record.value().toString());
        }
        assertThat(valuesByKey.values()).allSatisfy(values -> assertThat(values).hasSize(1));
        await().atMost(WAIT).until(() -> fx.committedTotal(successor.groupId()) == 40L);
    }

    @Test
    void aGracefulCloseCommitsWhatIsDoneSoTheNextWorkerRedoesNothing() throws Exception {
        Fixture fx = fixture(2);
        List<ClipTask> tasks = fx.tasks("shot-e", 30);
        fx.send(tasks);
        StageSettings settings = StageSettings.of(2).withCommitInterval(Duration.ofSeconds(30));

        StageWorker<ClipTask, ClipMatched> leaving = fx.worker(new EchoProcessor(fx.blobs, Duration.ofMillis(50)),
                settings, new SimpleMeterRegistry());
        leaving.start();
        TopicTail<ClipMatched> outputs = fx.tail(fx.output, ClipMatched.class);
        outputs.awaitCount(6, WAIT);
        leaving.close();
        assertThat(leaving.readiness().check().failed()).isTrue();
        int done = outputs.readToEnd(WAIT).size();
        assertThat(done).isLessThan(30);
        assertThat(fx.committedTotal(leaving.groupId()))
                .as("the close committed every record it finished, though the commit interval never came")
                .isEqualTo(done);

        EchoProcessor second = new EchoProcessor(fx.blobs, Duration.ZERO);
        StageWorker<ClipTask, ClipMatched> next = fx.worker(second, settings, new SimpleMeterRegistry());
        next.start();
        outputs.awaitUntil(read -> keys(read).size() == 30, WAIT);
        // every input committed: nothing more will be written, so the topic's end holds any duplicate
        await().atMost(WAIT).until(() -> fx.committedTotal(next.groupId()) == 30L);
        List<ConsumerRecord<String, ClipMatched>> all = outputs.readToEnd(WAIT);
        assertThat(second.calls()).isEqualTo(30 - done);
        assertThat(all).hasSize(30);
    }

    @Test
    void aStoppedServiceFitsItsShutdownTimeoutWithEveryFinishedRecordCommitted() throws Exception {
        Fixture fx = fixture(1);
        List<ClipTask> tasks = fx.tasks("shot-g", 12);
        fx.send(tasks);
        // record 5 never finishes by itself: the drain share of the budget runs out on it
        EchoProcessor processor = new EchoProcessor(fx.blobs, Duration.ofMillis(20), task -> task.getClipIndex() == 5);
        RunningService service = fx.service(processor, "ANIDOC_SHUTDOWN_TIMEOUT", "4s");
        TopicTail<ClipMatched> outputs = fx.tail(fx.output, ClipMatched.class);
        outputs.awaitUntil(read -> keys(read).size() == 11, WAIT);

        // what the SIGTERM hook runs, bounded by the same timeout
        long start = System.nanoTime();
        service.close().toCompletionStage().toCompletableFuture().get(4, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(4));
        assertThat(fx.committed(fx.clients.topics().prefix() + "echo", new TopicPartition(fx.input, 0)))
                .as("records 0..4 done and committed; 5 was still running, so nothing after it is")
                .isEqualTo(5L);
        assertThat(keys(outputs.readToEnd(WAIT))).hasSize(11).doesNotContain(tasks.get(5).getClipId());
    }

    @Test
    void aWorkerDeadForGoodTurnsLivenessDownOnTheNextProbe() throws Exception {
        Fixture fx = fixture(1);
        List<ClipTask> tasks = fx.tasks("shot-h", 3);
        EchoProcessor processor = new EchoProcessor(fx.blobs, Duration.ZERO) {
            @Override
            public StageOutput<ClipMatched> process(ClipTask task) throws Exception {
                if (task.getClipIndex() == 1) {
                    throw new NoClassDefFoundError("org/opencv/core/Mat");
                }
                return super.process(task);
            }
        };
        RunningService service = fx.service(processor);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI live = URI.create("http://127.0.0.1:" + service.httpPort() + "/health/live");
        assertThat(http.send(HttpRequest.newBuilder(live).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        fx.send(tasks);
        StageWorker<?, ?> worker = fx.started.get();
        await().atMost(WAIT).until(() -> worker.failure().isPresent());
        HttpResponse<String> probe = http.send(HttpRequest.newBuilder(live).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(probe.statusCode()).as("the first probe after the failure").isEqualTo(503);
        assertThat(probe.body()).contains("\"error\":\"not_live\"").contains("\"failing\":[\"stage\"]")
                .contains("echo worker stopped after a failure").contains("NoClassDefFoundError");
        service.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }

    @Test
    void aWorkerIsNotReadyWhileADepartedMemberStillHoldsItsPartitions() throws Exception {
        Fixture fx = fixture(2);
        StageSettings settings = StageSettings.of(1);
        StageWorker<ClipTask, ClipMatched> crashing = fx.worker(new EchoProcessor(fx.blobs, Duration.ZERO), settings,
                new SimpleMeterRegistry());
        crashing.start();
        await().atMost(WAIT).until(() -> crashing.assignedPartitions().size() == 2);
        assertThat(readiness(crashing)).isNull();
        // a crash: the member stays in the group, holding both partitions, until its session expires
        crashing.closeAbruptly();

        StageWorker<ClipTask, ClipMatched> successor = fx.worker(new EchoProcessor(fx.blobs, Duration.ZERO), settings,
                new SimpleMeterRegistry());
        successor.start();
        assertThat(successor.running()).isTrue();
        assertThat(readiness(successor)).as("running, but the group has not given it the partitions yet")
                .contains("holds no partition of " + fx.input);
        long start = System.nanoTime();
        await().atMost(WAIT).until(() -> readiness(successor) == null);
        System.out.printf("successor ready %d ms after it started (session timeout %d ms)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), KafkaClients.SESSION_TIMEOUT_MS);
        assertThat(successor.assignedPartitions()).hasSize(2);

        fx.send(fx.tasks("shot-f", 4));
        fx.tail(fx.output, ClipMatched.class).awaitUntil(read -> keys(read).size() == 4, WAIT);
    }

    @Test
    void aReplicaTheGroupHasNoPartitionForIsReady() throws Exception {
        Fixture fx = fixture(1);
        StageWorker<ClipTask, ClipMatched> first = fx.worker(new EchoProcessor(fx.blobs, Duration.ZERO), StageSettings.of(1),
                new SimpleMeterRegistry());
        StageWorker<ClipTask, ClipMatched> second = fx.worker(new EchoProcessor(fx.blobs, Duration.ZERO), StageSettings.of(1),
                new SimpleMeterRegistry());
        first.start();
        second.start();
        await().atMost(WAIT).until(() -> first.assignedPartitions().size() + second.assignedPartitions().size() == 1
                && readiness(first) == null && readiness(second) == null);
        StageWorker<ClipTask, ClipMatched> idle = first.assignedPartitions().isEmpty() ? first : second;
        assertThat(idle.readiness().check().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .asString().contains("the group has 2 members for 1 partitions");
    }

    /** Null when ready, else the reason it is not. */
    private static String readiness(StageWorker<?, ?> worker) throws InterruptedException {
        try {
            worker.readiness().check().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause().getMessage();
        } catch (java.util.concurrent.TimeoutException e) {
            return "no answer";
        }
    }

    // ---- fixture ---------------------------------------------------------------------------

    private Fixture fixture(int partitions) throws Exception {
        Fixture fx = new Fixture(partitions);
        resources.add(fx);
        return fx;
    }

    private static Set<String> keys(List<? extends ConsumerRecord<String, ?>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    private final class Fixture implements AutoCloseable {
        final KafkaClients clients;
        final BlobStore blobs;
        final String input;
        final String output;
        final String status;
        final String deadLetter;
        final KafkaProducer<String, byte[]> producer;
        final Admin admin;
        final List<AutoCloseable> owned = new ArrayList<>();

        Fixture(int partitions) throws Exception {
            RuntimeConfig config = RuntimeConfig.from(KAFKA.configSource(
                    "ANIDOC_KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000"), "stage-it");
            clients = new KafkaClients(config.kafka(), config.service());
            owned.add(clients);
            new TopicProvisioner(clients.admin(), Duration.ofSeconds(30))
                    .ensure(clients.topics().all(), partitions, (short) 1);
            input = clients.topics().name(Topic.CLIPS);
            output = clients.topics().name(Topic.CLIPS_MATCHED);
            status = clients.topics().name(Topic.SHOTS_STATUS);
            deadLetter = clients.topics().name(Topic.DEADLETTER);
            blobs = new FileBlobStore(blobRoot.resolve(config.kafka().topicPrefix()));
            producer = clients.producer(new StringSerializer(), new ByteArraySerializer());
            owned.add(producer);
            admin = KAFKA.admin();
            owned.add(admin);
        }

        StageWorker<ClipTask, ClipMatched> worker(EchoProcessor processor, StageSettings settings,
                                                  SimpleMeterRegistry registry) {
            StageWorker<ClipTask, ClipMatched> worker = StageWorker.builder("echo", processor,
                            EventSerdes.of(ClipTask.class), EventSerdes.of(ClipMatched.class))
                    .input(Topic.CLIPS)
                    .output(Topic.CLIPS_MATCHED)
                    .clients(clients)
                    .meterRegistry(registry)
                    .settings(settings)
                    .build();
            owned.add(worker);
            return worker;
        }

        /** The last worker {@link #service} started. */
        final java.util.concurrent.atomic.AtomicReference<StageWorker<ClipTask, ClipMatched>> started =
                new java.util.concurrent.atomic.AtomicReference<>();

        /** A service on this fixture's topics running one worker over the processor, as a stage service does. */
        RunningService service(EchoProcessor processor, String... namesAndValues) throws Exception {
            List<String> settings = new ArrayList<>(List.of("ANIDOC_TOPIC_PREFIX", clients.topics().prefix(),
                    "ANIDOC_STAGE_CONCURRENCY", "2", "ANIDOC_STAGE_COMMIT_INTERVAL", "100ms"));
            settings.addAll(List.of(namesAndValues));
            RunningService service = ServiceLauncher.create("echo", KAFKA.configSource(settings.toArray(String[]::new)))
                    .setup(ctx -> {
                        started.set(StageWorker.builder("echo", processor,
                                        EventSerdes.of(ClipTask.class), EventSerdes.of(ClipMatched.class))
                                .input(Topic.CLIPS)
                                .output(Topic.CLIPS_MATCHED)
                                .startIn(ctx));
                        return Future.succeededFuture();
                    })
                    .start().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
            owned.add(() -> service.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES));
            return service;
        }

        /** Clips of one shot, each with its own stored line art. */
        List<ClipTask> tasks(String shotId, int count) throws Exception {
            List<ClipTask> tasks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                BlobRef line = blobs.put(("line art " + shotId + " " + i).getBytes(StandardCharsets.UTF_8), "image/png");
                tasks.add(ClipTask.newBuilder()
                        .setClipId(shotId + "/clip-" + String.format("%03d", i))
                        .setShotId(shotId)
                        .setClipIndex(i)
                        .setClipCount(count)
                        .setFrames(new ArrayList<>(List.of(ClipFrame.newBuilder().setIndex(i).setLine(line).build())))
                        .setWidth(64)
                        .setHeight(64)
                        .setOptions(Map.of())
                        .build());
            }
            return tasks;
        }

        void send(List<ClipTask> tasks) throws Exception {
            for (ClipTask task : tasks) {
                sendRaw(task.getClipId(), EventSerdes.of(ClipTask.class).serialize(input, task));
            }
        }

        void sendRaw(String key, byte[] value) throws Exception {
            producer.send(new ProducerRecord<>(input, key, value)).get();
        }

        <V extends org.apache.avro.specific.SpecificRecord> TopicTail<V> tail(String topic, Class<V> type) {
            TopicTail<V> tail = new TopicTail<>(KAFKA.bootstrapServers(), topic, EventSerdes.of(type));
            owned.add(tail);
            return tail;
        }

        long committed(String group, TopicPartition partition) throws Exception {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(partition);
            return offset == null ? -1 : offset.offset();
        }

        /** Sum of the committed offsets of the input partitions (= records committed, offsets start at 0). */
        long committedTotal(String group) throws Exception {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(input) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }

        @Override
        public void close() throws Exception {
            for (int i = owned.size() - 1; i >= 0; i--) {
                owned.get(i).close();
            }
        }
    }
}
