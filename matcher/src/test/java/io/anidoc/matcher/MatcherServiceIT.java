package io.anidoc.matcher;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.blob.FileBlobStore;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.runtime.service.ServiceLauncher;
import io.anidoc.runtime.stage.TopicTail;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;
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

class MatcherServiceIT {

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
        service = ServiceLauncher.create("matcher", KAFKA.configSource(
                        "ANIDOC_BLOB_ROOT", blobRoot.toString(),
                        "ANIDOC_WORKER_POOL_SIZE", "2"))
                .setup(new MatcherService())
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
    void matchesAGeneratedClipAndPublishesTheMatchesAsABlob() throws Exception {
        SynthClip clip = SynthClip.create(work.resolve("shot"), blobs, "synth");
        send(clip.task());

        List<ConsumerRecord<String, ClipMatched>> out = tail(Topic.CLIPS_MATCHED, ClipMatched.class).awaitCount(1, WAIT);
        ClipMatched matched = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("synth/clip-000");
        assertThat(matched.getClipId()).isEqualTo("synth/clip-000");
        assertThat(matched.getShotId()).isEqualTo("synth");
        assertThat(matched.getTask()).isEqualTo(clip.task());
        assertThat(matched.getEngine()).isEqualTo(MatcherProcessor.ENGINE);
        assertThat(matched.getStageMillis()).containsOnlyKeys("matcher");
        assertThat(matched.getMatches().getMediaType()).isEqualTo(MatcherProcessor.MATCHES_MEDIA_TYPE);

        // the blob holds exactly what the engine computes from the files
        byte[] stored = blobs.get(matched.getMatches());
        ClipMatches decoded = ClipMatches.fromBytes(stored);
        assertThat(decoded.pairs()).isNotEmpty();
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipInput input = clip.readDirectly();
        assertThat(stored).isEqualTo(engine.match(engine.prepare(input)).toBytes());

        ShotStatus progress = tail(Topic.SHOTS_STATUS, ShotStatus.class).awaitCount(1, WAIT).get(0).value();
        assertThat(progress.getStage()).isEqualTo("matcher");
        assertThat(progress.getState()).isEqualTo(ShotState.IN_PROGRESS);
        assertThat(progress.getClipId()).isEqualTo("synth/clip-000");
        assertThat(progress.getCompleted()).isEqualTo(1);
        assertThat(progress.getTotal()).isEqualTo(1);

        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"stage\":{\"status\":\"UP\"");
        assertThat(get("/metrics").body()).containsPattern(
                "anidoc_stage_records_processed_total\\{[^}]*stage=\"matcher\"[^}]*} 1\\.0");
    }

    @Test
    void aCorruptImageGoesToTheDeadLetterTopicAndTheServiceGoesOn() throws Exception {
        SynthClip clip = SynthClip.create(work.resolve("shot"), blobs, "good");
        ClipTask corrupt = clip.withCorruptLineArt(blobs, 1, "bad");
        send(corrupt);
        send(clip.task());

        DeadLetter letter = tail(Topic.DEADLETTER, DeadLetter.class).awaitCount(1, WAIT).get(0).value();
        assertThat(letter.getStage()).isEqualTo("matcher");
        assertThat(letter.getShotId()).isEqualTo("bad");
        assertThat(letter.getCauseClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.getCause()).contains("line art of frame 1").contains("not a decodable image");
        assertThat(letter.getSourceTopic()).isEqualTo(topics.name(Topic.CLIPS));

        List<ConsumerRecord<String, ClipMatched>> out = tail(Topic.CLIPS_MATCHED, ClipMatched.class).awaitCount(1, WAIT);
        assertThat(out).extracting(ConsumerRecord::key).containsExactly("good/clip-000");

        List<ConsumerRecord<String, ShotStatus>> reports = tail(Topic.SHOTS_STATUS, ShotStatus.class)
                .awaitUntil(read -> read.stream().anyMatch(r -> r.value().getState() == ShotState.FAILED), WAIT);
        ShotStatus failed = reports.stream().map(ConsumerRecord::value)
                .filter(s -> s.getState() == ShotState.FAILED).findFirst().orElseThrow();
        assertThat(failed.getShotId()).isEqualTo("bad");
        assertThat(failed.getMessage()).contains("not a decodable image");
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void send(ClipTask task) throws Exception {
        try (KafkaProducer<String, ClipTask> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(), EventSerdes.of(ClipTask.class))) {
            producer.send(new ProducerRecord<>(topics.name(Topic.CLIPS), task.getClipId(), task)).get();
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
