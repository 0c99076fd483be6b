package io.anidoc.matcher.lightglue;

import io.anidoc.embedded.inference.InferenceServer;
import io.anidoc.matcher.MatcherMain;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.runtime.testing.OpenResources;
import io.anidoc.runtime.testing.StageServiceUnderTest;
import io.anidoc.runtime.testing.SynthClip;
import io.anidoc.runtime.testing.TestModelRepository;
import io.anidoc.schemas.ClipMatched;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Start-up checks of the matcher's Triton engine: what the readiness check says until its model can be used. */
class LightGlueReadinessIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @RegisterExtension
    final OpenResources open = new OpenResources();

    @Test
    void aModelOfAnotherContractKeepsTheServiceNotReadyAndNamesTheTensors() throws Exception {
        Path repository = TestModelRepository.copyAs(work.resolve("models"), "cotracker", "lightglue");
        InferenceServer server = serve(repository, 0);
        StageServiceUnderTest service = matcher(server.port(), "lightglue");

        JsonObject model = awaitModelCheck(service, "does not match the expected contract");
        assertThat(model.getString("error"))
                .contains("model 'lightglue' on 127.0.0.1:" + server.port())
                .contains("has no input 'kpts0' (inputs: video, queries)")
                .contains("has no output 'matches0'");
        assertNoStageWorker(service);
    }

    @Test
    void aConfigurationWithAWrongTensorIsRefusedByTheServerAndNamedInReadiness() throws Exception {
        Path repository = TestModelRepository.copy(work.resolve("models"), "lightglue");
        // desc0 declared with 64 values per keypoint: the server refuses to load the model
        TestModelRepository.editConfig(repository, "lightglue",
                "name: \"desc0\"\n    data_type: TYPE_FP32\n    dims: [ 1, -1, 128 ]",
                "name: \"desc0\"\n    data_type: TYPE_FP32\n    dims: [ 1, -1, 64 ]");
        InferenceServer server = serve(repository, 0);
        StageServiceUnderTest service = matcher(server.port(), "lightglue");

        JsonObject model = awaitModelCheck(service, "UNAVAILABLE");
        assertThat(model.getString("error")).startsWith("model 'lightglue' is UNAVAILABLE on 127.0.0.1:" + server.port())
                .contains("input 'desc0' shape expected by framework [1,-1,128] doesn't match model configuration shape [1,-1,64]");
        assertNoStageWorker(service);
    }

    @Test
    void anUnknownModelIsNamedWithTheModelsTheServerHas() throws Exception {
        InferenceServer server = serve(TestModelRepository.copy(work.resolve("models"), "lightglue"), 0);
        StageServiceUnderTest service = matcher(server.port(), "superglue");

        JsonObject model = awaitModelCheck(service, "not in the model repository");
        assertThat(model.getString("error")).isEqualTo("model 'superglue' is not in the model repository of 127.0.0.1:"
                + server.port() + " (models: lightglue)");
    }

    @Test
    void aServerDownAtStartUpKeepsTheServiceNotReadyUntilItStarts() throws Exception {
        int port = freePort();
        StageServiceUnderTest service = matcher(port, "lightglue");
        JsonObject model = awaitModelCheck(service, "cannot reach model 'lightglue'");
        assertThat(model.getString("error")).contains("127.0.0.1:" + port);

        SynthClip clip = SynthClip.create(work.resolve("shot"), service.blobs(), "late");
        service.send(Topic.CLIPS, clip.task().getClipId(), clip.task());
        serve(TestModelRepository.copy(work.resolve("models"), "lightglue"), port);

        await().atMost(WAIT).until(() -> service.get("/health/ready").statusCode() == 200);
        JsonObject ready = new JsonObject(service.get("/health/ready").body());
        assertThat(ready.getJsonObject("checks").getJsonObject("model").getJsonObject("details").getString("model"))
                .isEqualTo("lightglue");
        // the worker started once the model was verified and takes the clip sent while it was down
        assertThat(service.tail(Topic.CLIPS_MATCHED, ClipMatched.class).awaitCount(1, WAIT).get(0).value().getEngine())
                .isEqualTo(LightGlueMatcher.NAME);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private InferenceServer serve(Path repository, int port) throws IOException {
        InferenceServer server = InferenceServer.start(repository, "127.0.0.1", port);
        open.add(server);
        return server;
    }

    private StageServiceUnderTest matcher(int port, String model) throws Exception {
        StageServiceUnderTest service = StageServiceUnderTest.start(KAFKA, "matcher", new StageService<>(MatcherMain.MODULE), work,
                "ANIDOC_MATCHER_ENGINE", "lightglue",
                "ANIDOC_MATCHER_LIGHTGLUE_MODEL", model,
                "ANIDOC_TRITON_TARGET", "127.0.0.1:" + port,
                "ANIDOC_TRITON_WAIT_INTERVAL", "200ms",
                "ANIDOC_TRITON_RETRY_MAX_ATTEMPTS", "2",
                "ANIDOC_TRITON_RETRY_INITIAL_BACKOFF", "20ms",
                "ANIDOC_TRITON_BREAKER_OPEN_DURATION", "300ms");
        open.add(service);
        return service;
    }

    /** The readiness check {@code model} once it is down with an error containing {@code expected}. */
    private static JsonObject awaitModelCheck(StageServiceUnderTest service, String expected) {
        JsonObject[] found = new JsonObject[1];
        await().atMost(WAIT).until(() -> {
            HttpResponse<String> ready = service.get("/health/ready");
            if (ready.statusCode() != 503) {
                return false;
            }
            JsonObject body = new JsonObject(ready.body());
            JsonObject model = body.getJsonObject("checks").getJsonObject("model");
            found[0] = model;
            return model != null && "DOWN".equals(model.getString("status"))
                    && model.getString("error", "").contains(expected)
                    && body.getJsonArray("failing").contains("model");
        });
        return found[0];
    }

    private static void assertNoStageWorker(StageServiceUnderTest service) throws Exception {
        JsonObject body = new JsonObject(service.get("/health/ready").body());
        assertThat(body.getString("status")).isEqualTo("DOWN");
        assertThat(body.getJsonObject("checks").containsKey("stage")).as("stage worker started").isFalse();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
