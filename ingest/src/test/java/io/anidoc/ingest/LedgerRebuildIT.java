package io.anidoc.ingest;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.runtime.service.ServiceLauncher;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** After a restart, ingest answers 503 with a reason (not 404) until its ledger knows every shot accepted before. */
class LedgerRebuildIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theApiAnswers503WithARetryAfterAndAReasonWhileTheLedgerIsRebuilt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConfigSource config = KAFKA.configSource(
                "ANIDOC_HTTP_PORT", Integer.toString(port),
                "ANIDOC_BLOB_ROOT", work.resolve("blobs").toString(),
                "ANIDOC_INGEST_ASSEMBLER", "false",
                "ANIDOC_WORKER_POOL_SIZE", "2");
        String declaration = "{\"frameCount\": 4, \"keyframes\": [0, 3]}";

        RunningService first = start(config).get(120, TimeUnit.SECONDS);
        assertThat(send("PUT", port, "/v1/shots/kept-1", declaration).statusCode()).isEqualTo(201);
        first.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        HoldingInterceptor.reset();
        CompletableFuture<RunningService> restarting = start(ConfigSource.of(
                "ANIDOC_KAFKA_CONSUMER_INTERCEPTOR_CLASSES", HoldingInterceptor.class.getName()).withFallback(config));
        RunningService second = null;
        try {
            assertThat(HoldingInterceptor.holding.await(60, TimeUnit.SECONDS)).as("the ledger rebuild began").isTrue();

            HttpResponse<String> status = send("GET", port, "/v1/shots/kept-1", null);
            assertThat(status.statusCode()).isEqualTo(503);
            assertThat(status.headers().firstValue("retry-after")).hasValue("2");
            assertThat(status.headers().firstValue("content-type")).hasValue("application/json");
            JsonObject body = new JsonObject(status.body());
            assertThat(body.getString("error")).isEqualTo("starting");
            assertThat(body.getString("reason")).contains("rebuilding the ledger from").contains("retry the same request");
            assertThat(send("PUT", port, "/v1/shots/new-2", declaration).statusCode())
                    .as("a write is refused as well, nothing accepted").isEqualTo(503);
            HttpResponse<String> ready = send("GET", port, "/health/ready", null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(ready.body()).getString("reason")).contains("rebuilding the ledger");

            HoldingInterceptor.release.countDown();
            second = restarting.get(120, TimeUnit.SECONDS);
            assertThat(send("GET", port, "/v1/shots/kept-1", null).statusCode()).isEqualTo(200);
            assertThat(send("PUT", port, "/v1/shots/kept-1", declaration).statusCode())
                    .as("the rebuilt ledger knows the shot: the same declaration is no new one").isEqualTo(200);
        } finally {
            HoldingInterceptor.release.countDown();
            RunningService running = second != null ? second : restarting.get(120, TimeUnit.SECONDS);
            running.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static CompletableFuture<RunningService> start(ConfigSource config) {
        return IngestMain.configure(ServiceLauncher.create("ingest", config)).start().toCompletionStage().toCompletableFuture();
    }

    private HttpResponse<String> send(String method, int port, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("content-type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
