package io.anidoc.runtime.service;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.Setting;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceLauncherIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir
    Path blobs;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<RunningService> started = new ArrayList<>();

    @AfterEach
    void stopServices() throws Exception {
        for (RunningService service : started) {
            service.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void healthReadinessMetricsAndGracefulStop() throws Exception {
        ConfigSource config = KAFKA.configSource("ANIDOC_SERVICE_NAME", "probe", "ANIDOC_BLOB_ROOT", blobs.toString());
        AtomicBoolean modelLoaded = new AtomicBoolean(true);
        List<String> events = new CopyOnWriteArrayList<>();

        RunningService service = start(ServiceLauncher.create("ignored", config)
                .settings(List.of(Setting.of("ANIDOC_PROBE_ENGINE", "cpu", "engine")))
                .setup(ctx -> {
                    Counter hellos = Counter.builder("anidoc_probe_hellos").register(ctx.meterRegistry());
                    ctx.router().get("/hello").handler(rc -> {
                        hellos.increment();
                        rc.response().end("hello from " + ctx.serviceName());
                    });
                    ctx.readiness("model", () -> modelLoaded.get()
                            ? Future.succeededFuture("loaded")
                            : Future.failedFuture("model not loaded"));
                    return ctx.deploy(new SlowStoppingVerticle(events));
                }));

        HttpResponse<String> live = get(service, "/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(live.body()).getString("status")).isEqualTo("UP");

        HttpResponse<String> ready = get(service, "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonObject readyBody = new JsonObject(ready.body());
        assertThat(readyBody.getString("status")).isEqualTo("UP");
        assertThat(readyBody.getJsonObject("checks").getJsonObject("kafka").getString("status")).isEqualTo("UP");
        assertThat(readyBody.getJsonObject("checks").getJsonObject("kafka").getJsonObject("details").getInteger("brokers"))
                .isEqualTo(1);
        assertThat(readyBody.getJsonObject("checks").getJsonObject("model").getString("details")).isEqualTo("loaded");

        modelLoaded.set(false);
        HttpResponse<String> notReady = get(service, "/health/ready");
        assertThat(notReady.statusCode()).isEqualTo(503);
        JsonObject notReadyBody = new JsonObject(notReady.body());
        assertThat(notReadyBody.getString("status")).isEqualTo("DOWN");
        assertThat(notReadyBody.getJsonArray("failing").getList()).containsExactly("model");
        assertThat(notReadyBody.getJsonObject("checks").getJsonObject("model").getString("error")).isEqualTo("model not loaded");
        assertThat(notReadyBody.getJsonObject("checks").getJsonObject("kafka").getString("status")).isEqualTo("UP");
        modelLoaded.set(true);

        assertThat(get(service, "/hello").body()).isEqualTo("hello from probe");
        HttpResponse<String> metrics = get(service, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("anidoc_probe_hellos_total{service=\"probe\"} 1.0")
                .contains("vertx_http_server_requests_total")
                .contains("jvm_memory_used_bytes");

        try (Admin admin = KAFKA.admin()) {
            var described = admin.describeTopics(service.context().topics().all()).allTopicNames().get();
            assertThat(described).hasSize(Topic.values().length);
            described.values().forEach(d -> assertThat(d.partitions()).hasSize(2));
        }
        assertThat(service.context().blobStore().put(new byte[] {1, 2, 3}, "application/octet-stream").getUri())
                .startsWith("blob:sha256/");

        int port = service.httpPort();
        service.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(events).containsExactly("started", "stop requested", "in-flight work finished");
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live")).build(),
                HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void kafkaThatNeverAnswersEndsTheStartAfterTheStartupTimeout() {
        ConfigSource config = KAFKA.configSource(
                "ANIDOC_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                "ANIDOC_READINESS_TIMEOUT", "500ms",
                "ANIDOC_STARTUP_TIMEOUT", "2s");
        assertThatThrownBy(() -> ServiceLauncher.create("lonely", config).start()
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS))
                .hasMessageContaining("the Kafka cluster at 127.0.0.1:1 did not answer within PT2S (ANIDOC_STARTUP_TIMEOUT)");
    }

    @Test
    void aCheckThatNeverAnswersCountsAsDown() throws Exception {
        ConfigSource config = KAFKA.configSource("ANIDOC_READINESS_TIMEOUT", "300ms");
        RunningService service = start(ServiceLauncher.create("stuck", config).withoutKafka().setup(ctx -> {
            ctx.readiness("gpu", () -> Promise.promise().future());
            return Future.succeededFuture();
        }));
        HttpResponse<String> ready = get(service, "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(ready.body()).getJsonObject("checks").getJsonObject("gpu").getString("error"))
                .isEqualTo("no answer within 300 ms");
    }

    @Test
    void badSettingStopsTheStartNamingTheVariable() {
        ConfigSource config = KAFKA.configSource("ANIDOC_TOPIC_PARTITIONS", "abc");
        assertThatThrownBy(() -> ServiceLauncher.create("bad", config).start()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ConfigException.class)
                .hasMessageContaining("ANIDOC_TOPIC_PARTITIONS=abc: not an integer");
    }

    @Test
    void failingSetupFailsTheStartWithItsReason() throws Exception {
        ConfigSource config = KAFKA.configSource();
        assertThatThrownBy(() -> ServiceLauncher.create("broken", config).withoutKafka()
                .setup(ctx -> Future.failedFuture("model file missing"))
                .start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS))
                .hasMessageContaining("model file missing");
    }

    private RunningService start(ServiceLauncher launcher) throws Exception {
        RunningService service = launcher.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        started.add(service);
        return service;
    }

    private HttpResponse<String> get(RunningService service, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stands for a stage: its stop waits for the item in progress before it lets the service go. */
    private static final class SlowStoppingVerticle extends VerticleBase {
        private final List<String> events;

        SlowStoppingVerticle(List<String> events) {
            this.events = events;
        }

        @Override
        public Future<?> start() {
            events.add("started");
            return Future.succeededFuture();
        }

        @Override
        public Future<?> stop() {
            events.add("stop requested");
            Promise<Void> done = Promise.promise();
            vertx.setTimer(300, id -> {
                events.add("in-flight work finished");
                done.complete();
            });
            return done.future();
        }
    }
}
