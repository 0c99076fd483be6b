package io.anidoc.runtime.stage;

import io.anidoc.runtime.service.LivenessCheck;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.anidoc.runtime.stage.ScriptedKafka.DEAD_LETTER;
import static io.anidoc.runtime.stage.ScriptedKafka.OUTPUT;
import static io.anidoc.runtime.stage.ScriptedKafka.partition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stage worker's rebalance and failure paths against Kafka's mock clients, driven on the
 * worker's own Kafka thread: no broker, every step observable.
 */
class StageWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ScriptedKafka kafka = new ScriptedKafka();
    private final ScriptedProcessor processor = new ScriptedProcessor();
    private StageWorker<String, String> worker;

    @AfterEach
    void stop() {
        processor.releaseAll();
        if (worker != null) {
            worker.closeAbruptly();
        }
    }

    @Test
    void noCommitPassesARecordStillRunningHoweverManyLaterOnesAreDone() throws Exception {
        start(StageSettings.of(4).withCommitInterval(Duration.ofMillis(20)));
        TopicPartition p0 = partition(0);
        TopicPartition p1 = partition(1);
        kafka.assign(p0, p1);
        kafka.add(p0, 0, "a");
        kafka.add(p0, 1, "b");
        kafka.add(p0, 2, "hold");
        kafka.add(p0, 3, "c");
        kafka.add(p0, 4, "d");
        await().atMost(WAIT).until(() -> kafka.sent(OUTPUT).containsAll(java.util.List.of("a!", "b!", "c!", "d!")));
        // a commit after every later record was done: the known end that shows what it left out
        kafka.add(p1, 0, "end");
        await().atMost(WAIT).until(() -> kafka.committed(p1) == 1);

        assertThat(kafka.committed(p0)).as("up to the held record, not past it").isEqualTo(2);
        assertThat(worker.backlog()).isEqualTo(1);

        processor.release("hold");
        await().atMost(WAIT).until(() -> kafka.committed(p0) == 5);
    }

    @Test
    void aRevokedPartitionIsCommittedOnceItsRecordInFlightFinishes() throws Exception {
        start(StageSettings.of(2).withRevokeTimeout(Duration.ofSeconds(10)));
        TopicPartition p0 = partition(0);
        kafka.assign(p0);
        kafka.add(p0, 0, "hold");
        processor.awaitStarted("hold");

        // the record finishes while the rebalance waits for it, on another thread
        kafka.consumer.schedulePollTask(() -> {
            releaseLater("hold");
            kafka.consumer.rebalance(java.util.List.of());
        });

        await().atMost(WAIT).until(() -> kafka.committed(p0) == 1);
        assertThat(kafka.sent(OUTPUT)).containsExactly("hold!");
        assertThat(worker.assignedPartitions()).isEmpty();
    }

    @Test
    void aRevokedPartitionWhoseRecordOutlastsTheRevokeTimeoutIsLeftUncommittedForTheNewOwner() throws Exception {
        start(StageSettings.of(2).withRevokeTimeout(Duration.ofMillis(200)));
        TopicPartition p0 = partition(0);
        TopicPartition p1 = partition(1);
        kafka.assign(p0);
        kafka.add(p0, 0, "done");
        kafka.add(p0, 1, "slow");
        processor.awaitStarted("slow");
        await().atMost(WAIT).until(() -> kafka.sent(OUTPUT).contains("done!"));

        kafka.assign(p1); // revokes p0 while "slow" runs
        kafka.add(p1, 0, "marker");
        await().atMost(WAIT).until(() -> kafka.committed(p1) == 1);
        processor.release("slow");
        await().atMost(WAIT).until(() -> kafka.sent(OUTPUT).contains("slow!"));
        kafka.add(p1, 1, "end");
        await().atMost(WAIT).until(() -> kafka.committed(p1) == 2);

        // "done" was committed at the revoke; "slow" finished after it and is not committed by this worker
        assertThat(kafka.committed(p0)).isEqualTo(1);
    }

    @Test
    void aLostPartitionIsNeverCommittedEvenWhenItsRecordFinishesLater() throws Exception {
        start(StageSettings.of(2).withCommitInterval(Duration.ofMillis(20)));
        TopicPartition p0 = partition(0);
        TopicPartition p1 = partition(1);
        kafka.assign(p0, p1);
        kafka.add(p0, 0, "hold");
        processor.awaitStarted("hold");

        kafka.lose(p0);
        await().atMost(WAIT).until(() -> !worker.assignedPartitions().contains(p0));
        processor.release("hold");
        await().atMost(WAIT).until(() -> kafka.sent(OUTPUT).contains("hold!"));
        // a commit after the late completion: the known end that proves p0 was left out of it
        kafka.add(p1, 0, "end");
        await().atMost(WAIT).until(() -> kafka.committed(p1) == 1);

        assertThat(kafka.committed(p0)).isEqualTo(-1);
        assertThat(worker.running()).isTrue();
    }

    @Test
    void aDeadLetterThatCannotBeWrittenStopsTheWorkerForGoodAfterCommittingWhatIsDone() throws Exception {
        start(StageSettings.of(1));
        TopicPartition p0 = partition(0);
        kafka.producer.failSendsTo(DEAD_LETTER);
        kafka.assign(p0);
        kafka.add(p0, 0, "fine");
        kafka.add(p0, 1, "bad");
        kafka.add(p0, 2, "after");

        worker.stopped().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(kafka.sent(OUTPUT)).containsExactly("fine!");
        assertThat(kafka.committed(p0)).as("past 'fine', not past 'bad'").isEqualTo(1);
        assertThat(worker.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("cannot write the dead letter for in-0@1 to dead")
                .contains("not present in metadata");
        assertDead(worker.liveness(), "cannot write the dead letter");
        assertThat(worker.readiness().check().failed()).isTrue();
        assertThat(kafka.consumer.closed()).isTrue();
        assertThat(kafka.producer.closed()).isTrue();
    }

    @Test
    void anErrorStopsTheWorkerForGoodInsteadOfStallingThePartition() throws Exception {
        start(StageSettings.of(1));
        TopicPartition p0 = partition(0);
        kafka.assign(p0);
        kafka.add(p0, 0, "fine");
        kafka.add(p0, 1, "error");

        worker.stopped().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(kafka.sent(OUTPUT)).containsExactly("fine!");
        assertThat(kafka.sent(DEAD_LETTER)).as("an Error is not the record's fault").isEmpty();
        assertThat(kafka.committed(p0)).isEqualTo(1);
        assertDead(worker.liveness(), "cannot process in-0@1: java.lang.LinkageError: native code missing");
    }

    @Test
    void aLiveWorkerIsLiveAndARecordThatFailsGoesToTheDeadLetterTopic() throws Exception {
        start(StageSettings.of(1));
        TopicPartition p0 = partition(0);
        kafka.assign(p0);
        kafka.add(p0, 0, "bad");
        kafka.add(p0, 1, "fine");

        await().atMost(WAIT).until(() -> kafka.committed(p0) == 2);
        assertThat(kafka.sent(DEAD_LETTER)).hasSize(1);
        assertThat(kafka.sent(OUTPUT)).containsExactly("fine!");
        assertThat(worker.liveness().deadReason()).isEmpty();
    }

    @Test
    void aGracefulCloseFitsTheShutdownBudgetWhenARecordNeverFinishes() throws Exception {
        start(StageSettings.of(2).withShutdownTimeout(Duration.ofSeconds(2)));
        TopicPartition p0 = partition(0);
        kafka.assign(p0);
        kafka.add(p0, 0, "fine");
        kafka.add(p0, 1, "stuck");
        processor.awaitStarted("stuck");
        await().atMost(WAIT).until(() -> kafka.sent(OUTPUT).contains("fine!"));

        long start = System.nanoTime();
        worker.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(worker.stopped()).isDone();
        assertThat(kafka.committed(p0)).isEqualTo(1);
        assertThat(kafka.consumer.closed()).isTrue();
        assertThat(worker.liveness().deadReason()).as("a stop is not a death").isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void start(StageSettings settings) {
        worker = StageWorker.builder("echo", processor, new StringDeserializer(), new StringSerializer())
                .kafka(kafka)
                .input(ScriptedKafka.INPUT)
                .output(OUTPUT)
                .statusTopic(ScriptedKafka.STATUS)
                .deadLetterTopic(DEAD_LETTER)
                .groupId("echo")
                .settings(settings)
                .build()
                .start();
        await().atMost(WAIT).until(() -> kafka.consumer.listener != null);
    }

    private void releaseLater(String value) {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            processor.release(value);
        });
        thread.setDaemon(true);
        thread.start();
    }

    private static void assertDead(LivenessCheck liveness, String reason) {
        assertThat(liveness.deadReason()).get().asString().startsWith("echo worker stopped after a failure").contains(reason);
    }

    /**
     * Appends "!" to its input; "bad" fails, "error" throws an {@link Error}, and "hold", "slow"
     * and "stuck" wait until released.
     */
    private static final class ScriptedProcessor implements StageProcessor<String, String> {
        private final Map<String, CountDownLatch> started = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> released = new ConcurrentHashMap<>();

        @Override
        public StageOutput<String> process(String input) throws Exception {
            started(input).countDown();
            switch (input) {
                case "bad" -> throw new IllegalArgumentException("bad input");
                case "error" -> throw new LinkageError("native code missing");
                case "hold", "slow", "stuck" -> released(input).await();
                default -> {
                }
            }
            return StageOutput.of(input, input + "!");
        }

        @Override
        public ClipRef describe(String input) {
            return null;
        }

        void awaitStarted(String input) throws InterruptedException {
            assertThat(started(input).await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("%s started", input).isTrue();
        }

        void release(String input) {
            released(input).countDown();
        }

        void releaseAll() {
            released.values().forEach(CountDownLatch::countDown);
        }

        private CountDownLatch started(String input) {
            return started.computeIfAbsent(input, k -> new CountDownLatch(1));
        }

        private CountDownLatch released(String input) {
            return released.computeIfAbsent(input, k -> new CountDownLatch(1));
        }
    }
}
