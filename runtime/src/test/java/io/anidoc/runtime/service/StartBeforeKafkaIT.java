package io.anidoc.runtime.service;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.embedded.kafka.EmbeddedKafka;
import io.vertx.core.json.JsonObject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A service started while its broker is down waits for it, says so, and becomes ready once it answers. */
class StartBeforeKafkaIT {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aServiceStartedBeforeTheBrokerBecomesReadyAfterIt() throws Exception {
        int brokerPort = freePort();
        int httpPort = freePort();
        ConfigSource config = ConfigSource.of(
                "ANIDOC_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + brokerPort,
                "ANIDOC_HTTP_PORT", Integer.toString(httpPort),
                "ANIDOC_HTTP_HOST", "127.0.0.1",
                "ANIDOC_TOPIC_PARTITIONS", "1",
                "ANIDOC_READINESS_TIMEOUT", "1s",
                "ANIDOC_BLOB_ROOT", dir.resolve("blobs").toString());
        CompletableFuture<RunningService> starting = ServiceLauncher.create("early", config)
                .unavailableUntilStarted("/v1/*")
                .setup(ctx -> {
                    ctx.router().get("/v1/hello").handler(rc -> rc.response().end("hello"));
                    return io.vertx.core.Future.succeededFuture();
                })
                .start().toCompletionStage().toCompletableFuture();
        RunningService service = null;
        try {
            // the broker is not there: readiness and the gated API say what start-up waits for
            AtomicReference<HttpResponse<String>> waiting = new AtomicReference<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                HttpResponse<String> ready = get(httpPort, "/health/ready");
                waiting.set(ready);
                return ready != null && ready.body().contains("waiting for the Kafka cluster at 127.0.0.1:" + brokerPort);
            });
            assertThat(waiting.get().statusCode()).isEqualTo(503);
            assertThat(new JsonObject(waiting.get().body()).getString("status")).isEqualTo("DOWN");
            HttpResponse<String> api = get(httpPort, "/v1/hello");
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("retry-after")).hasValue("2");
            JsonObject refusal = new JsonObject(api.body());
            assertThat(refusal.getString("error")).isEqualTo("starting");
            assertThat(refusal.getString("reason")).contains("waiting for the Kafka cluster at 127.0.0.1:" + brokerPort);
            assertThat(starting).isNotDone();

            try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir.resolve("kafka")).brokerPort(brokerPort).start()) {
                service = starting.get(90, TimeUnit.SECONDS);
                HttpResponse<String> ready = get(httpPort, "/health/ready");
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                assertThat(new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("kafka").getString("status"))
                        .isEqualTo("UP");
                assertThat(get(httpPort, "/v1/hello").body()).isEqualTo("hello");
                service.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        } finally {
            if (service == null) {
                starting.cancel(true);
            }
        }
    }

    private HttpResponse<String> get(int port, String path) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null; // not listening yet
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
