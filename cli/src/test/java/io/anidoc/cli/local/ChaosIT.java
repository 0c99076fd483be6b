package io.anidoc.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.anidoc.cli.station.IngestClient;
import io.anidoc.cli.station.ShotUploader;
import io.anidoc.core.shot.Shot;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.serde.EventSerdes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's chaos test: shots flow through every service of a local stack while each service
 * in turn is killed ({@link LocalStack#kill}: no commit, no leaving the group) and started again
 * at once. It prints, per service, the median time from the kill until the new instance reports
 * ready (which means working: a stage owns its partitions, a Streams app runs, ingest has rebuilt
 * its ledger), and the median submit-to-finished time of a shot with and without faults; it
 * checks that every shot is still delivered exactly once, complete, with no dead letter.
 *
 * <p>The load is small enough for CI; {@code -Danidoc.chaos.shots=N} (shots per phase) and
 * {@code -Danidoc.chaos.rounds=N} (kills per service) make a longer run. To compare membership
 * choices: {@code -Danidoc.chaos.static=true} gives every service a stable
 * {@code ANIDOC_GROUP_INSTANCE_ID}; {@code -Danidoc.chaos.setting.NAME=VALUE} sets a variable of
 * every service and {@code -Danidoc.chaos.broker.NAME=VALUE} a property of the embedded broker.
 */
class ChaosIT {

    private static final int SHOTS = Integer.getInteger("anidoc.chaos.shots", 3);
    private static final int ROUNDS = Integer.getInteger("anidoc.chaos.rounds", 2);
    private static final int WIDTH = 512;
    private static final int HEIGHT = 288;
    private static final int FRAMES = 9;
    /** A service is killed this often, as in the measurements the pipeline was tuned on. */
    private static final Duration KILL_EVERY = Duration.ofSeconds(10);
    private static final Duration SHOT_TIMEOUT = Duration.ofMinutes(4);
    private static final List<PipelineService> VICTIMS = List.of(PipelineService.values());

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void crashedServicesAreBackAtWorkInSecondsAndEveryShotIsDeliveredOnce() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (LocalStack stack = configured(LocalStack.builder(dir.resolve("work")).ingestPort(port)).start();
             ShotOutcomes outcomes = ShotOutcomes.follow(stack.clientSettings())) {
            List<String> waits = new CopyOnWriteArrayList<>();
            IngestClient client = new IngestClient(stack.ingestUri(), Optional.empty(), Duration.ofMinutes(3), waits::add);
            ShotSource shots = new ShotSource(dir.resolve("shots"));

            // the first shot warms the JVM up (class loading, JIT) and counts in neither phase
            submitAndAwait(shots.next(), client, outcomes);
            List<Long> faultFree = new ArrayList<>();
            for (int i = 0; i < SHOTS; i++) {
                faultFree.add(submitAndAwait(shots.next(), client, outcomes));
            }

            // faults: one station submits shot after shot while every service is killed in turn
            List<Long> underFaults = new CopyOnWriteArrayList<>();
            AtomicBoolean killing = new AtomicBoolean(true);
            CompletableFuture<Void> station = CompletableFuture.runAsync(() -> {
                while (killing.get() || underFaults.size() < SHOTS) {
                    underFaults.add(submitAndAwait(shots.next(), client, outcomes));
                }
            });
            Map<PipelineService, List<Long>> recovery = new EnumMap<>(PipelineService.class);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    for (PipelineService victim : VICTIMS) {
                        long killedAt = System.nanoTime();
                        recovery.computeIfAbsent(victim, v -> new ArrayList<>()).add(killAndAwaitWorking(stack, victim));
                        long next = killedAt + KILL_EVERY.toNanos() - System.nanoTime();
                        if (next > 0) {
                            TimeUnit.NANOSECONDS.sleep(next);
                        }
                    }
                }
            } finally {
                killing.set(false);
            }
            station.get(SHOT_TIMEOUT.toMinutes() * (SHOTS + 1), TimeUnit.MINUTES);

            report(recovery, faultFree, underFaults, waits);

            // every shot delivered exactly once, complete, and nothing dead-lettered
            List<ShotFinished> announcements = TopicRecords.read(stack.clientSettings(), Topic.SHOTS_FINISHED,
                    EventSerdes.of(ShotFinished.class));
            Map<String, Long> perShot = announcements.stream()
                    .collect(Collectors.groupingBy(ShotFinished::getShotId, Collectors.counting()));
            assertThat(perShot).containsOnlyKeys(shots.submitted().toArray(String[]::new));
            assertThat(perShot.values()).containsOnly(1L);
            for (ShotFinished finished : announcements) {
                assertThat(outcomes.deadLetters(finished.getShotId())).isEmpty();
                try (Stream<Path> colored = Files.list(Path.of(finished.getOutputDir()).resolve("color"))) {
                    assertThat(colored.count()).as("frames of %s", finished.getShotId()).isEqualTo(FRAMES);
                }
            }
        }
    }

    private static LocalStack.Builder configured(LocalStack.Builder builder) {
        if (Boolean.getBoolean("anidoc.chaos.static")) {
            for (PipelineService service : PipelineService.values()) {
                builder.setting(service, "ANIDOC_GROUP_INSTANCE_ID", service.serviceName() + "-0");
            }
        }
        System.getProperties().stringPropertyNames().forEach(name -> {
            if (name.startsWith("anidoc.chaos.setting.")) {
                builder.setting(name.substring("anidoc.chaos.setting.".length()), System.getProperty(name));
            } else if (name.startsWith("anidoc.chaos.broker.")) {
                builder.brokerProperty(name.substring("anidoc.chaos.broker.".length()), System.getProperty(name));
            }
        });
        return builder;
    }

    /** Kills the service, starts a new instance at once and returns the milliseconds until it is ready. */
    private long killAndAwaitWorking(LocalStack stack, PipelineService victim) {
        long start = System.nanoTime();
        stack.kill(victim);
        int port = stack.start(victim).httpPort();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> ready(port));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private boolean ready(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static long submitAndAwait(Shot shot, IngestClient client, ShotOutcomes outcomes) {
        long start = System.nanoTime();
        new ShotUploader(client).submit(shot, (done, total) -> { });
        Awaitility.await().atMost(SHOT_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> outcomes.finished(shot.shotId()).isPresent());
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void report(Map<PipelineService, List<Long>> recovery, List<Long> faultFree, List<Long> underFaults,
                               List<String> waits) {
        StringBuilder text = new StringBuilder("\n---- chaos test ----\n")
                .append("membership: ").append(Boolean.getBoolean("anidoc.chaos.static") ? "static" : "dynamic")
                .append(System.getProperties().stringPropertyNames().stream()
                        .filter(name -> name.startsWith("anidoc.chaos.setting.") || name.startsWith("anidoc.chaos.broker."))
                        .sorted().map(name -> ", " + name.substring("anidoc.chaos.".length()) + "=" + System.getProperty(name))
                        .collect(Collectors.joining())).append('\n')
                .append(String.format("load: one replica per service in one JVM, shots of %d frames %dx%d (2 keyframes, one clip),"
                        + " one station submitting one shot at a time; a kill every %d s, %d per service, restarted at once%n",
                        FRAMES, WIDTH, HEIGHT, KILL_EVERY.toSeconds(), ROUNDS));
        recovery.forEach((service, times) -> text.append(String.format("kill-to-working %-9s median %6d ms   %s%n",
                service.serviceName(), median(times), times)));
        long clean = median(faultFree);
        long faulty = median(underFaults);
        text.append(String.format("submit-to-finished fault-free   median %6d ms   %s%n", clean, faultFree));
        text.append(String.format("submit-to-finished under faults median %6d ms   %s%n", faulty, underFaults));
        text.append(String.format("under faults / fault-free = %.2f%n", (double) faulty / clean));
        text.append("the station waited ").append(waits.size()).append(" time(s)")
                .append(waits.isEmpty() ? "" : ", e.g.: " + waits.get(0)).append('\n');
        System.out.println(text);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Generates a new small shot for each submission. */
    private static final class ShotSource {
        private final Path dir;
        private final List<String> submitted = new CopyOnWriteArrayList<>();
        private int seed = 100;

        ShotSource(Path dir) {
            this.dir = dir;
        }

        synchronized Shot next() {
            seed++;
            Shot shot = TestShots.generate(dir.resolve("shot-" + seed), seed, WIDTH, HEIGHT, FRAMES, List.of(0, FRAMES - 1));
            submitted.add(shot.shotId());
            return shot;
        }

        List<String> submitted() {
            return submitted;
        }
    }
}
