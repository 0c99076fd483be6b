package io.anidoc.tracker;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.blob.FileBlobStore;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.runtime.service.ServiceLauncher;
import io.anidoc.runtime.stage.TopicTail;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.ClipTracked;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TrackerServiceIT {

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
        service = ServiceLauncher.create("tracker", KAFKA.configSource(
                        "ANIDOC_BLOB_ROOT", blobRoot.toString(),
                        "ANIDOC_WORKER_POOL_SIZE", "2"))
                .setup(new TrackerService())
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
    void tracksAGeneratedClipAndPublishesTheDenseFieldsAsABlob() throws Exception {
        SynthClip clip = SynthClip.create(work.resolve("shot"), blobs, "synth");
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames frames = engine.prepare(clip.readDirectly());
        ClipMatches matches = engine.match(frames);
        ClipMatched input = matched(clip.task(), blobs.put(matches.toBytes(), "application/x-anidoc-matches"));
        send(input);

        List<ConsumerRecord<String, ClipTracked>> out = tail(Topic.CLIPS_TRACKED, ClipTracked.class).awaitCount(1, WAIT);
        ClipTracked tracked = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("synth/clip-000");
        assertThat(tracked.getClipId()).isEqualTo("synth/clip-000");
        assertThat(tracked.getShotId()).isEqualTo("synth");
        assertThat(tracked.getTask()).isEqualTo(clip.task());
        assertThat(tracked.getMatches()).isEqualTo(input.getMatches());
        assertThat(tracked.getEngine()).isEqualTo(TrackerProcessor.ENGINE);
        assertThat(tracked.getStageMillis()).containsEntry("matcher", 7L).containsKey("tracker");
        assertThat(tracked.getDense().getMediaType()).isEqualTo(TrackerProcessor.DENSE_MEDIA_TYPE);

        // the blob holds exactly what the engine computes from the files and the matches
        byte[] stored = blobs.get(tracked.getDense());
        DenseCorrespondence dense = DenseCorrespondence.fromBytes(stored);
        assertThat(dense.width()).isEqualTo(256);
        assertThat(dense.height()).isEqualTo(144);
        assertThat(dense.fields()).isNotEmpty();
        assertThat(stored).isEqualTo(engine.track(frames, matches).toBytes());

        ShotStatus progress = tail(Topic.SHOTS_STATUS, ShotStatus.class).awaitCount(1, WAIT).get(0).value();
        assertThat(progress.getStage()).isEqualTo("tracker");
        assertThat(progress.getState()).isEqualTo(ShotState.IN_PROGRESS);
        assertThat(progress.getClipId()).isEqualTo("synth/clip-000");
        assertThat(progress.getCompleted()).isEqualTo(1);
        assertThat(progress.getTotal()).isEqualTo(1);

        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"stage\":{\"status\":\"UP\"");
        assertThat(get("/metrics").body()).containsPattern(
                "anidoc_stage_records_processed_total\\{[^}]*stage=\"tracker\"[^}]*} 1\\.0");
    }

    @Test
    void aCorruptImageGoesToTheDeadLetterTopicAndTheServiceGoesOn() throws Exception {
        SynthClip clip = SynthClip.create(work.resolve("shot"), blobs, "good");
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        BlobRef matches = blobs.put(engine.match(engine.prepare(clip.readDirectly())).toBytes(),
                "application/x-anidoc-matches");
        send(matched(clip.withCorruptLineArt(blobs, 2, "bad"), matches));
        send(matched(clip.task(), matches));

        DeadLetter letter = tail(Topic.DEADLETTER, DeadLetter.class).awaitCount(1, WAIT).get(0).value();
        assertThat(letter.getStage()).isEqualTo("tracker");
        assertThat(letter.getShotId()).isEqualTo("bad");
        assertThat(letter.getCauseClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.getCause()).contains("line art of frame 2").contains("not a decodable image");
        assertThat(letter.getSourceTopic()).isEqualTo(topics.name(Topic.CLIPS_MATCHED));

        List<ConsumerRecord<String, ClipTracked>> out = tail(Topic.CLIPS_TRACKED, ClipTracked.class).awaitCount(1, WAIT);
        assertThat(out).extracting(ConsumerRecord::key).containsExactly("good/clip-000");

        List<ConsumerRecord<String, ShotStatus>> reports = tail(Topic.SHOTS_STATUS, ShotStatus.class)
                .awaitUntil(read -> read.stream().anyMatch(r -> r.value().getState() == ShotState.FAILED), WAIT);
        ShotStatus failed = reports.stream().map(ConsumerRecord::value)
                .filter(s -> s.getState() == ShotState.FAILED).findFirst().orElseThrow();
        assertThat(failed.getShotId()).isEqualTo("bad");
        assertThat(failed.getStage()).isEqualTo("tracker");
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    private static ClipMatched matched(ClipTask task, BlobRef matches) {
        return ClipMatched.newBuilder()
                .setClipId(task.getClipId())
                .setShotId(task.getShotId())
                .setTask(task)
                .setMatches(matches)
                .setEngine("cpu-sift")
                .setStageMillis(Map.of("matcher", 7L))
                .build();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void send(ClipMatched event) throws Exception {
        try (KafkaProducer<String, ClipMatched> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(), EventSerdes.of(ClipMatched.class))) {
            producer.send(new ProducerRecord<>(topics.name(Topic.CLIPS_MATCHED), event.getClipId(), event)).get();
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
