package io.anidoc.ingest;

import io.anidoc.core.image.Images;
import io.anidoc.ingest.IngestClient.Answer;
import io.anidoc.runtime.blob.FileBlobStore;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.schemas.ClipFrame;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.serde.EventSerdes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ingest service over real HTTP, a real broker and a real blob directory, with its assembler. */
class IngestApiIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir
    static Path work;

    private static RunningService ingest;
    private static IngestClient client;
    private static Topics topics;

    @BeforeAll
    static void start() throws Exception {
        ConfigSource config = settings("shared");
        topics = new Topics(config.raw("ANIDOC_TOPIC_PREFIX").orElseThrow());
        ingest = start(config);
        client = new IngestClient(ingest.httpPort(), null);
    }

    @AfterAll
    static void stop() throws Exception {
        IngestUnderTest.stop(ingest);
    }

    @Test
    void aShotGoesFromDeclarationToClipTasks() throws Exception {
        String shot = "happy-1";
        String declaration = "{\"frameCount\": 6, \"keyframes\": [5, 0], \"options\": {\"maxDrawings\": 8, \"look\": \"soft\"}}";
        assertThat(client.declare(shot, declaration).status()).isEqualTo(201);
        assertThat(client.declare(shot, declaration).status()).as("the same declaration again").isEqualTo(200);
        Answer changed = client.declare(shot, "{\"frameCount\": 7, \"keyframes\": [0, 6]}");
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.error()).isEqualTo("declaration_conflict");
        assertThat(changed.reason()).contains("frameCount 7 instead of 6");

        byte[][] lines = new byte[6][];
        for (int i = 0; i <= 4; i++) {
            lines[i] = TestImages.png(64, 48, i * 7);
            Answer stored = client.line(shot, i, lines[i]);
            assertThat(stored.status()).as("line %d", i).isEqualTo(201);
            assertThat(stored.body().getString("sha256")).isEqualTo(sha256(lines[i]));
            assertThat(stored.body().getBoolean("created")).isTrue();
        }
        byte[] key0 = TestImages.png(64, 48, 100);
        byte[] key5 = TestImages.encoded(".jpg", 64, 48, 101);
        assertThat(client.key(shot, 0, key0).status()).isEqualTo(201);
        Answer jpeg = client.key(shot, 5, key5);
        assertThat(jpeg.status()).isEqualTo(201);
        assertThat(jpeg.body().getString("format")).isEqualTo("jpeg");

        Answer repeat = client.line(shot, 3, lines[3]);
        assertThat(repeat.status()).as("the same image again is accepted without a second event").isEqualTo(200);
        assertThat(repeat.body().getBoolean("created")).isFalse();
        Answer jpegAgain = client.key(shot, 5, key5);
        assertThat(jpegAgain.status()).as("a repeated JPEG maps to the same stored PNG").isEqualTo(200);

        JsonObject receiving = client.status(shot).body();
        assertThat(receiving.getString("state")).isEqualTo("RECEIVING");
        assertThat(receiving.getJsonObject("ingest").getInteger("linesReceived")).isEqualTo(5);
        assertThat(receiving.getJsonObject("ingest").getInteger("keysReceived")).isEqualTo(2);
        assertThat(receiving.getJsonObject("ingest").getJsonArray("missingLines")).isEmpty();
        assertThat(receiving.getJsonObject("ingest").getInteger("width")).isEqualTo(64);

        Answer sealed = client.seal(shot);
        assertThat(sealed.status()).isEqualTo(202);
        assertThat(sealed.body().getJsonArray("keyframeLines")).isEqualTo(new JsonArray().add(0));
        assertThat(client.seal(shot).status()).as("sealing twice is harmless").isEqualTo(202);

        ClipTask task = clipTasks(shot, 1).get(0);
        assertThat(task.getClipId()).isEqualTo("happy-1/clip-000");
        assertThat(task.getClipCount()).isEqualTo(1);
        assertThat(task.getWidth()).isEqualTo(64);
        assertThat(task.getHeight()).isEqualTo(48);
        assertThat(task.getOptions()).containsExactlyInAnyOrderEntriesOf(Map.of("maxDrawings", "8", "look", "soft"));
        assertThat(task.getFrames()).extracting(ClipFrame::getIndex).containsExactly(0, 1, 2, 3, 4, 5);
        FileBlobStore blobs = new FileBlobStore(work.resolve("blobs-shared"));
        ClipFrame first = task.getFrames().get(0);
        assertThat(blobs.get(first.getLine())).as("the keyframe's own line art").isEqualTo(lines[0]);
        assertThat(blobs.get(first.getKey())).isEqualTo(key0);
        assertThat(blobs.get(task.getFrames().get(2).getLine())).isEqualTo(lines[2]);
        ClipFrame last = task.getFrames().get(5);
        assertThat(last.getLine()).isNull();
        assertThat(last.getKey().getMediaType()).isEqualTo("image/png");
        Mat storedJpeg = Images.decode(blobs.get(last.getKey()));
        assertThat(storedJpeg.cols()).isEqualTo(64);
        assertThat(storedJpeg.rows()).isEqualTo(48);

        List<ConsumerRecord<String, FrameIngested>> frames = TopicRecords.all(KAFKA.bootstrapServers(),
                topics.name(Topic.FRAMES), EventSerdes.of(FrameIngested.class).deserializer(), Duration.ofMillis(500));
        assertThat(frames.stream().filter(r -> r.key().equals(shot))).as("one event per accepted image").hasSize(7);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonObject status = client.status(shot).body();
            assertThat(status.getString("state")).isEqualTo("CLIPPED");
            assertThat(status.getInteger("totalClips")).isEqualTo(1);
            assertThat(status.getJsonObject("stages").getJsonObject("assembler").getString("state")).isEqualTo("CLIPPED");
        });
    }

    @Test
    void badInputGetsAClearRefusalWhileAnotherShotGoesOn() throws Exception {
        String bad = "bad-1";
        String good = "good-1";
        assertThat(client.declare(bad, "{\"frameCount\": 4, \"keyframes\": [0, 3]}").status()).isEqualTo(201);
        assertThat(client.declare(good, "{\"frameCount\": 3, \"keyframes\": [0, 2]}").status()).isEqualTo(201);
        assertThat(client.key(good, 0, TestImages.png(64, 48, 50)).status()).isEqualTo(201);

        byte[] line1 = TestImages.png(64, 48, 1);
        assertRefused(client.line("nope", 1, line1), 404, "unknown_shot", "shot 'nope' was never declared");
        assertRefused(client.seal("nope"), 404, "unknown_shot", "never declared");
        assertRefused(client.status("nope"), 404, "unknown_shot", "never declared");
        assertRefused(client.line("no$pe", 1, line1), 400, "invalid_shot_id", "letters, digits");
        assertRefused(client.put("/v1/shots/" + bad + "/line/abc", line1), 400, "invalid_index", "'abc'");
        assertRefused(client.line(bad, 1, TestImages.withDamagedData(line1)), 422, "corrupt_image", "fails its CRC check");
        assertRefused(client.line(bad, 1, Arrays.copyOf(line1, line1.length / 2)), 422, "corrupt_image", "truncated PNG");
        assertRefused(client.line(bad, 1, TestImages.declaringSize(20_000, 20_000)), 413, "image_too_large",
                "declared dimensions 20000x20000");
        assertRefused(client.line(bad, 1, "GIF89a-not-accepted".getBytes(StandardCharsets.US_ASCII)), 415,
                "unsupported_format", "not a PNG, JPEG or TIFF");
        assertRefused(client.line(bad, 1, new byte[0]), 400, "empty_body", "empty");
        assertRefused(client.line(bad, 1, new byte[2 * 1024 * 1024]), 413, "too_large", "ANIDOC_INGEST_MAX_BYTES");
        assertRefused(client.line(bad, 4, line1), 422, "index_out_of_range", "frames 0..3");
        assertRefused(client.key(bad, 1, line1), 422, "not_a_keyframe", "keyframes are [0, 3]");

        assertThat(client.line(bad, 1, line1).status()).isEqualTo(201);
        assertThat(client.line(good, 1, TestImages.png(64, 48, 51)).status()).as("the other shot goes on").isEqualTo(201);
        assertRefused(client.line(bad, 2, TestImages.png(80, 60, 2)), 422, "size_mismatch", "is 80x60 but the frames of shot 'bad-1' are 64x48");
        Answer missing = client.seal(bad);
        assertRefused(missing, 409, "frames_missing", "3 required images are missing: line art 2; keyframes 0, 3");
        assertThat(missing.body().getJsonArray("missingLines")).isEqualTo(new JsonArray().add(2));
        assertThat(missing.body().getJsonArray("missingKeys")).isEqualTo(new JsonArray().add(0).add(3));
        byte[] other = TestImages.png(64, 48, 99);
        Answer taken = client.line(bad, 1, other);
        assertRefused(taken, 409, "frame_taken", "line 1 of shot 'bad-1' already holds a different image");
        assertThat(taken.body().getString("storedSha256")).isEqualTo(sha256(line1));
        assertThat(taken.body().getString("sentSha256")).isEqualTo(sha256(other));

        assertThat(client.key(good, 2, TestImages.png(64, 48, 52)).status()).isEqualTo(201);
        assertThat(client.seal(good).status()).isEqualTo(202);
        assertThat(clipTasks(good, 1).get(0).getFrames()).extracting(ClipFrame::getIndex).containsExactly(0, 1, 2);

        assertThat(client.line(bad, 2, TestImages.png(64, 48, 2)).status()).isEqualTo(201);
        assertThat(client.key(bad, 0, TestImages.png(64, 48, 60)).status()).isEqualTo(201);
        assertThat(client.key(bad, 3, TestImages.png(64, 48, 63)).status()).isEqualTo(201);
        assertThat(client.seal(bad).status()).isEqualTo(202);
        ClipTask badTask = clipTasks(bad, 1).get(0);
        assertThat(new FileBlobStore(work.resolve("blobs-shared")).get(badTask.getFrames().get(1).getLine()))
                .as("the first accepted image is the one passed on").isEqualTo(line1);
    }

    @Test
    void anUndecodableRecordOnTheFramesTopicIsDeadLettered() {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topics.name(Topic.FRAMES), "junk-1", garbage));
        }
        List<ConsumerRecord<String, DeadLetter>> letters = KAFKA.consume(topics.name(Topic.DEADLETTER), 1,
                Duration.ofSeconds(60), new StringDeserializer(), EventSerdes.of(DeadLetter.class).deserializer());
        DeadLetter letter = letters.get(0).value();
        assertThat(letter.getStage()).isEqualTo("assembler");
        assertThat(letter.getShotId()).isEqualTo("junk-1");
        assertThat(letter.getSourceTopic()).isEqualTo(topics.name(Topic.FRAMES));
        assertThat(letter.getCause()).contains("FrameIngested");
        byte[] value = new byte[letter.getValue().remaining()];
        letter.getValue().duplicate().get(value);
        assertThat(value).isEqualTo(garbage);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(client.status("junk-1").body().getString("state")).isEqualTo("FAILED"));
    }

    @Test
    void aRestartedIngestKeepsItsAnswers() throws Exception {
        ConfigSource config = settings("restart");
        Topics restartTopics = new Topics(config.raw("ANIDOC_TOPIC_PREFIX").orElseThrow());
        String shot = "again-1";
        byte[] line1 = TestImages.png(64, 48, 11);
        RunningService first = start(config);
        try {
            IngestClient before = new IngestClient(first.httpPort(), null);
            assertThat(before.declare(shot, "{\"frameCount\": 3, \"keyframes\": [0, 2]}").status()).isEqualTo(201);
            assertThat(before.line(shot, 1, line1).status()).isEqualTo(201);
        } finally {
            first.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        RunningService second = start(config);
        try {
            IngestClient after = new IngestClient(second.httpPort(), null);
            assertThat(after.declare(shot, "{\"frameCount\": 3, \"keyframes\": [0, 2]}").status()).isEqualTo(200);
            assertThat(after.line(shot, 1, line1).status()).isEqualTo(200);
            assertThat(after.line(shot, 1, TestImages.png(64, 48, 12)).status()).isEqualTo(409);
            assertThat(after.line(shot, 0, TestImages.png(80, 60, 12)).status()).as("the frame size is remembered too")
                    .isEqualTo(422);
            assertThat(after.key(shot, 0, TestImages.png(64, 48, 13)).status()).isEqualTo(201);
            assertThat(after.key(shot, 2, TestImages.png(64, 48, 14)).status()).isEqualTo(201);
            assertThat(after.seal(shot).status()).isEqualTo(202);
            List<ConsumerRecord<String, ClipTask>> tasks = KAFKA.consume(restartTopics.name(Topic.CLIPS), 1,
                    Duration.ofSeconds(60), new StringDeserializer(), EventSerdes.of(ClipTask.class).deserializer());
            assertThat(tasks.get(0).value().getClipId()).isEqualTo("again-1/clip-000");
            List<ConsumerRecord<String, FrameIngested>> frames = TopicRecords.all(KAFKA.bootstrapServers(),
                    restartTopics.name(Topic.FRAMES), EventSerdes.of(FrameIngested.class).deserializer(), Duration.ofMillis(500));
            assertThat(frames).as("the repeated upload after the restart published nothing").hasSize(3);
        } finally {
            second.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void withTokensConfiguredTheApiWantsOne() throws Exception {
        RunningService guarded = start(settings("tokens"));
        try {
            int port = guarded.httpPort();
            String declaration = "{\"frameCount\": 2, \"keyframes\": [0]}";
            assertRefused(new IngestClient(port, null).declare("t-1", declaration), 401, "unauthorized", "missing bearer token");
            assertRefused(new IngestClient(port, "gamma").declare("t-1", declaration), 401, "unauthorized", "not valid");
            assertThat(new IngestClient(port, "beta").declare("t-1", declaration).status()).isEqualTo(201);
            assertThat(new IngestClient(port, null).get("/health/live").status()).as("health needs no token").isEqualTo(200);
        } finally {
            guarded.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static ConfigSource settings(String name) {
        ConfigSource base = KAFKA.configSource(
                "ANIDOC_BLOB_ROOT", work.resolve("blobs-" + name).toString(),
                "ANIDOC_KAFKA_STREAMS_STATE_DIR", work.resolve("streams-" + name).toString(),
                "ANIDOC_INGEST_MAX_BYTES", "1048576",
                "ANIDOC_WORKER_POOL_SIZE", "4",
                "ANIDOC_LOG_FORMAT", "text");
        if (name.equals("tokens")) {
            return ConfigSource.of("ANIDOC_INGEST_TOKENS", "alpha, beta", "ANIDOC_INGEST_ASSEMBLER", "false").withFallback(base);
        }
        return base;
    }

    private static RunningService start(ConfigSource config) throws Exception {
        return IngestUnderTest.start(config);
    }

    /** The clip tasks of one shot, after checking no more than expected were emitted. */
    private static List<ClipTask> clipTasks(String shotId, int expected) {
        KAFKA.consume(topics.name(Topic.CLIPS), 1, Duration.ofSeconds(60), new StringDeserializer(),
                EventSerdes.of(ClipTask.class).deserializer());
        await().atMost(Duration.ofSeconds(60)).until(() -> tasksOf(shotId, Duration.ofMillis(200)).size() >= expected);
        List<ClipTask> tasks = tasksOf(shotId, Duration.ofSeconds(1));
        assertThat(tasks).as("clip tasks of %s", shotId).hasSize(expected);
        return tasks;
    }

    private static List<ClipTask> tasksOf(String shotId, Duration quiet) {
        return TopicRecords.all(KAFKA.bootstrapServers(), topics.name(Topic.CLIPS), EventSerdes.of(ClipTask.class).deserializer(), quiet)
                .stream().map(ConsumerRecord::value).filter(t -> t.getShotId().equals(shotId)).toList();
    }

    private static void assertRefused(Answer answer, int status, String error, String reasonPart) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.error()).as("error of %s", answer.body()).isEqualTo(error);
        assertThat(answer.reason()).as("reason").contains(reasonPart);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
