package io.anidoc.console;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.runtime.service.ServiceLauncher;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.FinishedFrame;
import io.anidoc.schemas.ShotApproved;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import io.vertx.core.json.JsonObject;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The console on a real broker over real HTTP: the live feed, images, access roles, refusals and replay. */
class ConsoleServiceIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();
    private static final String BASE = "/studio/console/";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();
    private RunningService console;
    private Topics topics;
    private KafkaProducer<String, byte[]> producer;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        Path out = work.resolve("out");
        Files.createDirectories(out.resolve("s1/color"));
        Files.write(out.resolve("s1/color/0000.png"), PNG);
        Files.writeString(out.resolve("s1/manifest.json"), new JsonObject()
                .put("shotId", "s1").put("width", 64).put("height", 48).put("frameCount", 1)
                .put("keyframes", List.of(0))
                .put("frames", List.of(Map.of("index", 0, "reference", true, "color", Map.of("path", "color/0000.png", "sha256", "x"))))
                .encode());
        ConfigSource config = KAFKA.configSource(
                "ANIDOC_OUTPUT_ROOT", out.toString(),
                "ANIDOC_BLOB_ROOT", work.resolve("blobs").toString(),
                "ANIDOC_INGEST_TOKENS", "paint-secret",
                "ANIDOC_CONSOLE_READ_TOKENS", "read-secret",
                "ANIDOC_CONSOLE_BASE_PATH", BASE,
                "ANIDOC_LOG_FORMAT", "text");
        topics = new Topics(config.raw("ANIDOC_TOPIC_PREFIX").orElseThrow());
        console = ConsoleMain.configure(ServiceLauncher.create("console", config)).start()
                .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        base = URI.create("http://127.0.0.1:" + console.httpPort() + BASE);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() throws Exception {
        producer.close();
        console.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void progressAndDeliveryReachAnOpenPageAsTheyHappen() throws Exception {
        try (EventLines events = new EventLines(http.send(get("api/events?access_token=read-secret", null).build(),
                HttpResponse.BodyHandlers.ofInputStream()))) {
            assertThat(events.next().name()).isEqualTo("snapshot");

            send(Topic.SHOTS_STATUS, "s1", new ShotStatus(1, "s1", "matcher", ShotState.IN_PROGRESS, "s1/clip-000", 1, 2, null, 1000L));
            Event progress = events.next();
            assertThat(progress.name()).isEqualTo("shot");
            assertThat(progress.data().getString("state")).isEqualTo("IN_PROGRESS");
            assertThat(progress.data().getJsonObject("stages").getJsonObject("matcher").getInteger("completed")).isEqualTo(1);

            send(Topic.SHOTS_STATUS, "s1", new ShotStatus(1, "s1", "tracker", ShotState.FAILED, "s1/clip-001", 0, 2, "blob missing", 1100L));
            Event failed = events.next();
            assertThat(failed.data().getString("state")).isEqualTo("FAILED");
            assertThat(failed.data().getJsonArray("failures").getJsonObject(0).getString("reason")).isEqualTo("blob missing");

            send(Topic.SHOTS_FINISHED, "s1", finished("s1"));
            Event delivered = events.next();
            assertThat(delivered.data().getString("state")).isEqualTo("FINISHED");
            assertThat(delivered.data().getJsonArray("versions").getJsonObject(0).getInteger("version")).isEqualTo(1);
        }
        HttpResponse<byte[]> image = http.send(get("api/shots/s1/versions/1/color/0", "read-secret").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(image.body()).isEqualTo(PNG);
        assertThat(json(get("api/shots/s1/versions/1/manifest", "read-secret")).getInteger("frameCount")).isEqualTo(1);
        // approval: one event on its own topic
        HttpResponse<String> approve = http.send(approve("s1", "{\"version\":1,\"note\":\"good\"}", "paint-secret").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(approve.statusCode()).as(approve.body()).isEqualTo(202);
        ShotApproved approved = KAFKA.consume(topics.name(Topic.SHOTS_APPROVED), 1, Duration.ofSeconds(30),
                new org.apache.kafka.common.serialization.StringDeserializer(), EventSerdes.of(ShotApproved.class).deserializer()).get(0).value();
        assertThat(approved.getShotId()).isEqualTo("s1");
        assertThat(approved.getVersion()).isEqualTo(1);
        assertThat(approved.getNote()).isEqualTo("good");

        HttpResponse<String> page = http.send(get("", null).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\">");
        // the prefix without its slash leads to the page, so its relative links resolve under the prefix
        HttpResponse<String> bare = http.send(HttpRequest.newBuilder(base.resolve("/studio/console")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("location")).hasValue(BASE);
    }

    @Test
    void badRequestsGetAReasonAndReadTokensCannotChangeAnything() throws Exception {
        send(Topic.SHOTS_FINISHED, "s1", finished("s1"));
        awaitShot("s1");
        assertRefused(get("api/shots", null), 401, "unauthorized");
        assertRefused(get("api/shots", "wrong"), 401, "unauthorized");
        assertRefused(get("api/shots/nope", "read-secret"), 404, "unknown_shot");
        assertRefused(get("api/shots/bad%20id", "read-secret"), 400, "invalid_shot_id");
        assertRefused(get("api/shots/s1/versions/1/color/7", "read-secret"), 404, "unknown_drawing");
        assertRefused(get("api/shots/s1/versions/1/color/x", "read-secret"), 400, "invalid_index");
        assertRefused(get("api/shots/s1/versions/1/paint/0", "read-secret"), 400, "invalid_layer");
        assertRefused(get("api/shots/s1/versions/2/manifest", "read-secret"), 404, "unknown_version");
        assertRefused(post("api/deadletters/0-0/replay", "read-secret"), 403, "forbidden");
        assertRefused(post("api/deadletters/0-0/replay", null), 401, "unauthorized");
        // a mutating call does not take its token from the query string
        assertRefused(HttpRequest.newBuilder(base.resolve("api/deadletters/0-0/replay?access_token=paint-secret"))
                .POST(HttpRequest.BodyPublishers.noBody()), 401, "unauthorized");
        assertRefused(post("api/deadletters/9-9/replay", "paint-secret"), 404, "unknown_dead_letter");
        assertRefused(get("api/nothing", "read-secret"), 404, "not_found");
        // fixes: checked before anything is sent to ingest
        assertRefused(fix("nope", "{\"version\":1,\"drawing\":0,\"fills\":[{\"x\":1,\"y\":1,\"color\":\"#ff0000\"}]}", "paint-secret"), 404, "unknown_shot");
        assertRefused(fix("s1", "{\"version\":1,\"drawing\":0,\"fills\":[{\"x\":1,\"y\":1,\"color\":\"#ff0000\"}]}", "read-secret"), 403, "forbidden");
        assertRefused(fix("s1", "{\"version\":1,\"drawing\":0,\"fills\":[{\"x\":1,\"y\":1,\"color\":\"#ff0000\"}]}", null), 401, "unauthorized");
        assertRefused(fix("s1", "{\"version\":1,\"drawing\":0,\"fills\":[{\"x\":1,\"y\":1,\"color\":\"red\"}]}", "paint-secret"), 400, "invalid_color");
        assertRefused(fix("s1", "{\"version\":1,\"drawing\":0,\"fills\":[{\"x\":64,\"y\":1,\"color\":\"#ff0000\"}]}", "paint-secret"), 422, "region_outside_image");
        assertRefused(fix("s1", "{\"version\":1,\"drawing\":3,\"fills\":[{\"x\":1,\"y\":1,\"color\":\"#ff0000\"}]}", "paint-secret"), 404, "unknown_drawing");
        assertRefused(fix("s1", "{\"version\":4,\"drawing\":0,\"fills\":[{\"x\":1,\"y\":1,\"color\":\"#ff0000\"}]}", "paint-secret"), 404, "unknown_version");
        assertRefused(fix("s1", "{\"version\":1,\"drawing\":0,\"fills\":[]}", "paint-secret"), 400, "invalid_fix");
        assertRefused(fix("s1", "not json", "paint-secret"), 400, "invalid_json");
        assertRefused(fix("s1", "{\"version\":1,\"drawing\":0,\"fills\":[{\"x\":1,\"y\":1,\"color\":\"#ff0000\"}]}", "paint-secret"), 422, "drawing_is_keyframe");
        send(Topic.SHOTS_STATUS, "s2", new ShotStatus(1, "s2", "ingest", ShotState.RECEIVING, null, 1, 4, null, 1000L));
        awaitShot("s2");
        assertRefused(fix("s2", "{\"version\":1,\"drawing\":0,\"fills\":[{\"x\":1,\"y\":1,\"color\":\"#ff0000\"}]}", "paint-secret"), 409, "shot_not_finished");
        assertRefused(approve("s2", "{\"version\":1}", "paint-secret"), 409, "shot_not_finished");
        assertRefused(approve("s1", "{\"version\":2}", "paint-secret"), 404, "unknown_version");
        assertRefused(approve("s1", "{\"version\":\"one\"}", "paint-secret"), 400, "invalid_approval");
        assertRefused(approve("s1", "{\"version\":1}", "read-secret"), 403, "forbidden");
        assertRefused(approve("nope", "{\"version\":1}", "paint-secret"), 404, "unknown_shot");
        assertThat(json(get("api/me", "read-secret")).getString("role")).isEqualTo("read");
        assertThat(json(get("api/me", "paint-secret")).getString("role")).isEqualTo("paint");
    }

    @Test
    void aReplayedDeadLetterGoesBackToItsTopicAndLagShowsPerGroup() throws Exception {
        String clips = topics.name(Topic.CLIPS);
        DeadLetter letter = new DeadLetter(1, "matcher", "no engine", "java.lang.IllegalStateException", clips, 0, 0L,
                ByteBuffer.wrap("s9/clip-000".getBytes(StandardCharsets.UTF_8)), ByteBuffer.wrap("the task".getBytes(StandardCharsets.UTF_8)),
                "s9", 5L);
        send(Topic.DEADLETTER, "s9", letter);
        JsonObject listed = awaitDeadLetter();
        assertThat(listed.getString("cause")).isEqualTo("no engine");

        HttpResponse<String> replay = http.send(post("api/deadletters/" + listed.getString("id") + "/replay", "paint-secret").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(202);
        JsonObject to = new JsonObject(replay.body()).getJsonObject("replayedTo");
        assertThat(to.getString("topic")).isEqualTo(clips);

        List<ConsumerRecord<byte[], byte[]>> back = KAFKA.consume(clips, 1, Duration.ofSeconds(30),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        assertThat(new String(back.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("s9/clip-000");
        assertThat(new String(back.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("the task");

        // a stage's group that committed nothing of the replayed task lags by one
        String group = topics.prefix() + "matcher";
        try (KafkaConsumer<byte[], byte[]> stage = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, group),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            stage.commitSync(Map.of(new TopicPartition(clips, to.getInteger("partition")), new OffsetAndMetadata(to.getLong("offset"))));
        }
        JsonObject pipeline = json(get("api/pipeline", "read-secret"));
        JsonObject matcher = pipeline.getJsonArray("groups").stream().map(JsonObject.class::cast)
                .filter(g -> g.getString("group").equals(group)).findFirst().orElseThrow();
        assertThat(matcher.getLong("totalLag")).isEqualTo(1L);
        assertThat(matcher.getJsonObject("lag").getLong(clips)).isEqualTo(1L);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static ShotFinished finished(String shotId) {
        FinishedFrame frame = new FinishedFrame(0, "file:color/0000.png", "x", "file:lines/0000.png", "y", 0.0, null, null);
        return ShotFinished.newBuilder().setShotId(shotId).setFrameCount(1).setFrames(List.of(frame))
                .setManifestUri("file:manifest.json").setOutputDir("out/" + shotId).setStageMillis(Map.of("matcher", 3L))
                .setFinishedAtMs(2000L).build();
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> void send(Topic topic, String key, T event) throws Exception {
        String name = topics.name(topic);
        byte[] bytes = EventSerdes.of((Class<T>) event.getClass()).serializer().serialize(name, event);
        producer.send(new ProducerRecord<>(name, key, bytes)).get();
    }

    private HttpRequest.Builder get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder post(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody());
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder approve(String shotId, String body, String token) {
        return postJson("api/shots/" + shotId + "/approve", body, token);
    }

    private HttpRequest.Builder fix(String shotId, String body, String token) {
        return postJson("api/shots/" + shotId + "/fixes", body, token);
    }

    private HttpRequest.Builder postJson(String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private JsonObject json(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    private void assertRefused(HttpRequest.Builder request, int status, String code) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("error")).isEqualTo(code);
        assertThat(body.getString("reason")).isNotBlank();
    }

    /** Follows the event stream until the shot is on the board: no sleeping. */
    private void awaitShot(String shotId) throws Exception {
        try (EventLines events = new EventLines(http.send(get("api/events", "read-secret").build(),
                HttpResponse.BodyHandlers.ofInputStream()))) {
            Event event = events.next();
            while (!event.data().encode().contains("\"shotId\":\"" + shotId + "\"")) {
                event = events.next();
            }
        }
    }

    private JsonObject awaitDeadLetter() throws Exception {
        try (EventLines events = new EventLines(http.send(get("api/events", "read-secret").build(),
                HttpResponse.BodyHandlers.ofInputStream()))) {
            Event event = events.next();
            if (!event.data().getJsonArray("deadLetters").isEmpty()) {
                return event.data().getJsonArray("deadLetters").getJsonObject(0);
            }
            while (!event.name().equals("deadletter")) {
                event = events.next();
            }
            return event.data();
        }
    }

    record Event(String name, JsonObject data) {
    }

    /** Reads Server-Sent Events from a streamed response. */
    static final class EventLines implements AutoCloseable {
        private final InputStream body;
        private final BufferedReader reader;

        EventLines(HttpResponse<InputStream> response) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
            this.body = response.body();
            this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }

        Event next() throws Exception {
            String name = null;
            String data = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                } else if (line.isEmpty() && name != null) {
                    return new Event(name, new JsonObject(data));
                }
            }
            throw new AssertionError("the event stream ended");
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }
}
