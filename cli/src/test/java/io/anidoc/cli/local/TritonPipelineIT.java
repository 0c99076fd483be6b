package io.anidoc.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.anidoc.cli.CliRun;
import io.anidoc.colorizer.anidoc.AnidocColorizer;
import io.anidoc.core.shot.Shot;
import io.anidoc.matcher.lightglue.LightGlueMatcher;
import io.anidoc.embedded.inference.InferenceServer;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.testing.TestModelRepository;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.FinishedFrame;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.serde.EventSerdes;
import io.anidoc.tracker.cotracker.CoTrackerTracker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming pipeline with the Triton engines of every stage (matcher {@code lightglue}, tracker
 * {@code cotracker}, colorizer {@code anidoc}) against the embedded inference server serving the
 * stand-in models, over the embedded broker.
 */
class TritonPipelineIT {

    private static final String TOKEN = "triton-station-token";
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void aShotSubmittedThroughTheApiFinishesWithTheTritonEngines() throws Exception {
        InferenceServer server = serve(models("all"), 0);
        LocalStack stack = stack(server.port(), server.port());
        // two clips that share keyframe 3
        Shot shot = TestShots.generate(dir.resolve("shot"), 21, 256, 144, 7, List.of(0, 3, 6));

        CliRun run = CliRun.of("submit", shot.dir().toString(), "--ingest", stack.ingestUri().toString(),
                "--token", TOKEN, "--wait", "--timeout", "3m");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("shot " + shot.shotId() + " finished");

        assertFinishedOnce(stack, shot);
        assertThat(read(stack, Topic.CLIPS_MATCHED, ClipMatched.class)).hasSize(2)
                .allSatisfy(m -> assertThat(m.getEngine()).isEqualTo(LightGlueMatcher.NAME));
        assertThat(read(stack, Topic.CLIPS_TRACKED, ClipTracked.class)).hasSize(2)
                .allSatisfy(t -> assertThat(t.getEngine()).isEqualTo(CoTrackerTracker.NAME));
        assertThat(read(stack, Topic.CLIPS_COLORIZED, ClipColorized.class)).hasSize(2)
                .allSatisfy(c -> assertThat(c.getEngine()).isEqualTo(AnidocColorizer.SNAPPED_NAME));
        assertThat(read(stack, Topic.DEADLETTER, DeadLetter.class)).isEmpty();
    }

    @Test
    void aShotStillFinishesOnceWhenTheInferenceServerGoesAwayAndComesBack() throws Exception {
        InferenceServer matching = serve(models("matching"), 0);
        Path trackingModels = models("tracking");
        InferenceServer tracking = serve(trackingModels, 0);
        int trackingPort = tracking.port();
        LocalStack stack = stack(matching.port(), trackingPort);
        awaitReady(stack, PipelineService.MATCHER, PipelineService.TRACKER, PipelineService.COLORIZER);

        // the tracker's and colorizer's server goes away; the matcher's stays
        tracking.close();
        open.remove(tracking);
        Shot shot = TestShots.generate(dir.resolve("shot"), 22, 256, 144, 7, List.of(0, 3, 6));
        CliRun run = CliRun.of("submit", shot.dir().toString(), "--ingest", stack.ingestUri().toString(), "--token", TOKEN);
        assertThat(run.exitCode()).as(run.err()).isZero();

        // mid-shot: both clips matched, none tracked; the tracker holds its records, retries, opens its breaker
        Awaitility.await().atMost(WAIT).until(() -> read(stack, Topic.CLIPS_MATCHED, ClipMatched.class).size() == 2);
        Awaitility.await().atMost(WAIT).until(() -> {
            String metrics = get(stack, PipelineService.TRACKER, "/metrics").body();
            return sum(metrics, "anidoc_inference_retries_total", "model=\"cotracker\"") > 0
                    && sum(metrics, "anidoc_inference_errors_total", "code=\"CIRCUIT_OPEN\"") > 0
                    && sum(metrics, "anidoc_inference_held_records", "model=\"cotracker\"") > 0;
        });
        HttpResponse<String> ready = get(stack, PipelineService.TRACKER, "/health/ready");
        assertThat(read(stack, Topic.CLIPS_TRACKED, ClipTracked.class)).isEmpty();
        assertThat(read(stack, Topic.DEADLETTER, DeadLetter.class)).isEmpty();

        // the server returns on the same port: the held records go on and the shot finishes
        serve(trackingModels, trackingPort);
        Awaitility.await().atMost(WAIT).until(() -> read(stack, Topic.SHOTS_FINISHED, ShotFinished.class).stream()
                .anyMatch(f -> f.getShotId().equals(shot.shotId())));
        assertFinishedOnce(stack, shot);
        assertThat(read(stack, Topic.DEADLETTER, DeadLetter.class)).isEmpty();
        assertThat(read(stack, Topic.CLIPS_TRACKED, ClipTracked.class)).hasSize(2);
        String metrics = get(stack, PipelineService.TRACKER, "/metrics").body();
        assertThat(sum(metrics, "anidoc_inference_retries_total", "model=\"cotracker\"")).isPositive();
        assertThat(sum(metrics, "anidoc_inference_errors_total", "code=\"CIRCUIT_OPEN\"")).isPositive();
        assertThat(sum(metrics, "anidoc_inference_held_records", "model=\"cotracker\"")).isZero();
        // while the server was away the tracker said so; now it is ready again
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("\"model\":{\"status\":\"DOWN\"");
        awaitReady(stack, PipelineService.TRACKER);
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** A model repository with the stand-ins: all three, the matcher's, or the tracker's and the colorizer's. */
    private Path models(String which) {
        Path repository = dir.resolve("models-" + which);
        return switch (which) {
            case "matching" -> TestModelRepository.copy(repository, "lightglue");
            case "tracking" -> TestModelRepository.copy(repository, "cotracker", "anidoc");
            default -> TestModelRepository.copy(repository, "lightglue", "cotracker", "anidoc");
        };
    }

    private InferenceServer serve(Path repository, int port) throws Exception {
        InferenceServer server = InferenceServer.start(repository, "127.0.0.1", port);
        open.add(server);
        return server;
    }

    private LocalStack stack(int matcherPort, int trackerPort) {
        LocalStack stack = LocalStack.builder(dir.resolve("work"))
                .setting(PipelineService.INGEST, "ANIDOC_INGEST_TOKENS", TOKEN)
                .setting("ANIDOC_TRITON_WAIT_INTERVAL", "300ms")
                .setting("ANIDOC_TRITON_RETRY_MAX_ATTEMPTS", "3")
                .setting("ANIDOC_TRITON_RETRY_INITIAL_BACKOFF", "50ms")
                .setting("ANIDOC_TRITON_RETRY_MAX_BACKOFF", "200ms")
                .setting("ANIDOC_TRITON_BREAKER_FAILURE_THRESHOLD", "3")
                .setting("ANIDOC_TRITON_BREAKER_OPEN_DURATION", "1s")
                .setting(PipelineService.MATCHER, "ANIDOC_MATCHER_ENGINE", "lightglue")
                .setting(PipelineService.MATCHER, "ANIDOC_TRITON_TARGET", "127.0.0.1:" + matcherPort)
                .setting(PipelineService.TRACKER, "ANIDOC_TRACKER_ENGINE", "cotracker")
                .setting(PipelineService.TRACKER, "ANIDOC_TRITON_TARGET", "127.0.0.1:" + trackerPort)
                .setting(PipelineService.COLORIZER, "ANIDOC_COLORIZER_ENGINE", "anidoc")
                .setting(PipelineService.COLORIZER, "ANIDOC_TRITON_TARGET", "127.0.0.1:" + trackerPort)
                .start();
        open.add(stack);
        return stack;
    }

    private static void assertFinishedOnce(LocalStack stack, Shot shot) {
        // every service has committed all it read: a record done twice is on the topic by now
        PipelineDrained.await(stack.clientSettings(), WAIT);
        List<ShotFinished> finished = read(stack, Topic.SHOTS_FINISHED, ShotFinished.class).stream()
                .filter(f -> f.getShotId().equals(shot.shotId())).toList();
        assertThat(finished).hasSize(1);
        ShotFinished event = finished.get(0);
        assertThat(event.getFrameCount()).isEqualTo(shot.frameCount());
        assertThat(event.getFrames()).extracting(FinishedFrame::getIndex)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, shot.frameCount()).boxed().toList());
        Path out = Path.of(event.getOutputDir());
        for (int t = 0; t < shot.frameCount(); t++) {
            for (String layer : LocalColorizer.LAYERS) {
                assertThat(out.resolve(layer).resolve(String.format("%04d.png", t))).isRegularFile();
            }
        }
        assertThat(Files.exists(out.resolve("manifest.json"))).isTrue();
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> List<T> read(LocalStack stack, Topic topic,
                                                                                   Class<T> type) {
        return TopicRecords.read(stack.clientSettings(), topic, EventSerdes.of(type));
    }

    private static void awaitReady(LocalStack stack, PipelineService... services) {
        Awaitility.await().atMost(WAIT).until(() -> {
            for (PipelineService service : services) {
                if (get(stack, service, "/health/ready").statusCode() != 200) {
                    return false;
                }
            }
            return true;
        });
    }

    private static HttpResponse<String> get(LocalStack stack, PipelineService service, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.service(service).httpPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sum of the samples of a Prometheus metric whose labels contain {@code label}. */
    private static double sum(String metrics, String name, String label) {
        double total = 0;
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} ([0-9.eE+-]+)$").matcher(metrics);
        while (line.find()) {
            if (line.group(1).contains(label)) {
                total += Double.parseDouble(line.group(2));
            }
        }
        return total;
    }
}
