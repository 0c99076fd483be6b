package io.anidoc.colorizer;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.image.Images;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.blob.FileBlobStore;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.runtime.service.ServiceLauncher;
import io.anidoc.runtime.stage.TopicTail;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.schemas.ColorizedFrame;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ColorizerServiceIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private RunningService service;
    private BlobStore blobs;
    private Topics topics;

    @BeforeEach
    void startService() throws Exception {
        Path blobRoot = work.resolve("blobs");
        service = ServiceLauncher.create("colorizer", KAFKA.configSource(
                        "ANIDOC_BLOB_ROOT", blobRoot.toString(),
                        "ANIDOC_WORKER_POOL_SIZE", "2"))
                .setup(new ColorizerService())
                .start().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
        blobs = new FileBlobStore(blobRoot);
        topics = service.context().topics();
    }

    @AfterEach
    void stopService() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        service.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }

    @Test
    void colorsAGeneratedClipWithTheSamePngBytesAsTheDirectRun() throws Exception {
        SynthClip clip = SynthClip.create(work.resolve("shot"), blobs, "synth");
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames frames = engine.prepare(clip.readDirectly());
        ClipMatches matches = engine.match(frames);
        BlobRef dense = blobs.put(engine.track(frames, matches).toBytes(), "application/x-anidoc-dense");
        send(tracked(clip.task(), blobs.put(matches.toBytes(), "application/x-anidoc-matches"), dense));

        List<ConsumerRecord<String, ClipColorized>> out =
                tail(Topic.CLIPS_COLORIZED, ClipColorized.class).awaitCount(1, WAIT);
        ClipColorized colorized = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("synth/clip-000");
        assertThat(colorized.getShotId()).isEqualTo("synth");
        assertThat(colorized.getTask()).isEqualTo(clip.task());
        assertThat(colorized.getEngine()).isEqualTo(ColorizerProcessor.ENGINE);
        assertThat(colorized.getStageMillis()).containsEntry("matcher", 7L).containsEntry("tracker", 11L)
                .containsKey("colorizer");
        assertThat(colorized.getFrames()).extracting(ColorizedFrame::getIndex).containsExactly(0, 1, 2, 3);

        // the one-process run of the same shot writes the same bytes
        Path direct = work.resolve("direct");
        new ShotColorizer(EngineSettings.defaults()).colorize(ShotFolder.read(clip.dir()), direct);
        for (ColorizedFrame frame : colorized.getFrames()) {
            String name = String.format(Locale.ROOT, "%04d.png", frame.getIndex());
            assertThat(blobs.get(frame.getColor())).as("color " + name)
                    .isEqualTo(Files.readAllBytes(direct.resolve("color").resolve(name)));
            assertThat(blobs.get(frame.getLines())).as("lines " + name)
                    .isEqualTo(Files.readAllBytes(direct.resolve("lines").resolve(name)));
            assertThat(blobs.get(frame.getFill())).as("fill " + name)
                    .isEqualTo(Files.readAllBytes(direct.resolve("fill").resolve(name)));
            assertThat(frame.getColor().getMediaType()).isEqualTo("image/png");
        }
        // and the blobs are images of the shot's size
        Mat color = Images.decode(blobs.get(colorized.getFrames().get(1).getColor()));
        assertThat(color.cols()).isEqualTo(256);
        assertThat(color.rows()).isEqualTo(144);

        ShotStatus progress = tail(Topic.SHOTS_STATUS, ShotStatus.class).awaitCount(1, WAIT).get(0).value();
        assertThat(progress.getStage()).isEqualTo("colorizer");
        assertThat(progress.getState()).isEqualTo(ShotState.IN_PROGRESS);
        assertThat(progress.getClipId()).isEqualTo("synth/clip-000");
        assertThat(progress.getCompleted()).isEqualTo(1);
        assertThat(progress.getTotal()).isEqualTo(1);

        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"stage\":{\"status\":\"UP\"");
        assertThat(get("/metrics").body()).containsPattern(
                "anidoc_stage_records_processed_total\\{[^}]*stage=\"colorizer\"[^}]*} 1\\.0");
    }

    @Test
    void aCorruptImageGoesToTheDeadLetterTopicAndTheServiceGoesOn() throws Exception {
        SynthClip clip = SynthClip.create(work.resolve("shot"), blobs, "good");
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames frames = engine.prepare(clip.readDirectly());
        ClipMatches matches = engine.match(frames);
        BlobRef matchesRef = blobs.put(matches.toBytes(), "application/x-anidoc-matches");
        BlobRef dense = blobs.put(engine.track(frames, matches).toBytes(), "application/x-anidoc-dense");
        send(tracked(clip.withCorruptLineArt(blobs, 1, "bad"), matchesRef, dense));
        send(tracked(clip.task(), matchesRef, dense));

        DeadLetter letter = tail(Topic.DEADLETTER, DeadLetter.class).awaitCount(1, WAIT).get(0).value();
        assertThat(letter.getStage()).isEqualTo("colorizer");
        assertThat(letter.getShotId()).isEqualTo("bad");
        assertThat(letter.getCauseClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.getCause()).contains("line art of frame 1").contains("not a decodable image");
        assertThat(letter.getSourceTopic()).isEqualTo(topics.name(Topic.CLIPS_TRACKED));

        List<ConsumerRecord<String, ClipColorized>> out =
                tail(Topic.CLIPS_COLORIZED, ClipColorized.class).awaitCount(1, WAIT);
        assertThat(out).extracting(ConsumerRecord::key).containsExactly("good/clip-000");

        List<ConsumerRecord<String, ShotStatus>> reports = tail(Topic.SHOTS_STATUS, ShotStatus.class)
                .awaitUntil(read -> read.stream().anyMatch(r -> r.value().getState() == ShotState.FAILED), WAIT);
        ShotStatus failed = reports.stream().map(ConsumerRecord::value)
                .filter(s -> s.getState() == ShotState.FAILED).findFirst().orElseThrow();
        assertThat(failed.getShotId()).isEqualTo("bad");
        assertThat(failed.getStage()).isEqualTo("colorizer");
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    private static ClipTracked tracked(ClipTask task, BlobRef matches, BlobRef dense) {
        return ClipTracked.newBuilder()
                .setClipId(task.getClipId())
                .setShotId(task.getShotId())
                .setTask(task)
                .setMatches(matches)
                .setDense(dense)
                .setEngine("cpu-dis")
                .setStageMillis(Map.of("matcher", 7L, "tracker", 11L))
                .build();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void send(ClipTracked event) throws Exception {
        try (KafkaProducer<String, ClipTracked> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(), EventSerdes.of(ClipTracked.class))) {
            producer.send(new ProducerRecord<>(topics.name(Topic.CLIPS_TRACKED), event.getClipId(), event)).get();
        }
    }

    private <V extends SpecificRecord> TopicTail<V> tail(Topic topic, Class<V> type) {
        TopicTail<V> tail = new TopicTail<>(KAFKA.bootstrapServers(), topics.name(topic), EventSerdes.of(type));
        resources.add(tail);
        return tail;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
