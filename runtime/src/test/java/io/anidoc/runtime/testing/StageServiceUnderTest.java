package io.anidoc.runtime.testing;

import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.blob.FileBlobStore;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.runtime.service.ServiceLauncher;
import io.anidoc.runtime.service.ServiceSetup;
import io.anidoc.runtime.stage.TopicTail;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
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

/**
 * A stage service started on the test broker with a file blob store, and what its tests do with
 * it: send events to its input topic, read its output topics, ask its HTTP endpoints.
 *
 * <pre>{@code
 * service = StageServiceUnderTest.start(KAFKA, "matcher", new StageService<>(MatcherMain.MODULE), work);
 * service.send(Topic.CLIPS, task.getClipId(), task);
 * service.tail(Topic.CLIPS_MATCHED, ClipMatched.class).awaitCount(1, WAIT);
 * }</pre>
 */
public final class StageServiceUnderTest implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final KafkaTestCluster kafka;
    private final RunningService service;
    private final BlobStore blobs;
    private final List<AutoCloseable> tails = new ArrayList<>();

    private StageServiceUnderTest(KafkaTestCluster kafka, RunningService service, BlobStore blobs) {
        this.kafka = kafka;
        this.service = service;
        this.blobs = blobs;
    }

    /** Starts the service with two workers and its blobs under {@code work/blobs}. */
    public static StageServiceUnderTest start(KafkaTestCluster kafka, String name, ServiceSetup setup, Path work)
            throws Exception {
        return start(kafka, name, setup, work, new String[0]);
    }

    /** As {@link #start(KafkaTestCluster, String, ServiceSetup, Path)}, with more settings (name, value, ...), which win. */
    public static StageServiceUnderTest start(KafkaTestCluster kafka, String name, ServiceSetup setup, Path work,
                                              String... namesAndValues) throws Exception {
        Path blobRoot = work.resolve("blobs");
        List<String> settings = new ArrayList<>(List.of(
                "ANIDOC_BLOB_ROOT", blobRoot.toString(),
                "ANIDOC_WORKER_POOL_SIZE", "2"));
        settings.addAll(List.of(namesAndValues));
        RunningService service = ServiceLauncher.create(name, kafka.configSource(settings.toArray(String[]::new)))
                .setup(setup)
                .start().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
        return new StageServiceUnderTest(kafka, service, new FileBlobStore(blobRoot));
    }

    /** The blob store the service reads and writes. */
    public BlobStore blobs() {
        return blobs;
    }

    public Topics topics() {
        return service.context().topics();
    }

    public <V extends SpecificRecord> void send(Topic topic, String key, V event) throws Exception {
        @SuppressWarnings("unchecked")
        Class<V> type = (Class<V>) event.getClass();
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), EventSerdes.of(type))) {
            producer.send(new ProducerRecord<>(topics().name(topic), key, event)).get();
        }
    }

    /** A reader of the topic from its start, closed with the service. */
    public <V extends SpecificRecord> TopicTail<V> tail(Topic topic, Class<V> type) {
        TopicTail<V> tail = new TopicTail<>(kafka.bootstrapServers(), topics().name(topic), EventSerdes.of(type));
        tails.add(tail);
        return tail;
    }

    /**
     * A GET on the service's HTTP server, e.g. {@code /health/ready}, over HTTP/1.1 as probes and
     * scrapers ask: the JDK client's default cleartext HTTP/2 upgrade now and then reads a plain
     * HTTP/1.1 body as HTTP/2 frames.
     */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Asserts what the service reports once it has processed a shot's only clip: an IN_PROGRESS
     * status for 1 of 1 clips, a ready stage worker and a processed count of one.
     */
    public void assertProcessedTheOnlyClip(String stage, String clipId, Duration wait) throws Exception {
        ShotStatus progress = tail(Topic.SHOTS_STATUS, ShotStatus.class).awaitCount(1, wait).get(0).value();
        assertThat(progress.getStage()).isEqualTo(stage);
        assertThat(progress.getState()).isEqualTo(ShotState.IN_PROGRESS);
        assertThat(progress.getClipId()).isEqualTo(clipId);
        assertThat(progress.getCompleted()).isEqualTo(1);
        assertThat(progress.getTotal()).isEqualTo(1);

        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"stage\":{\"status\":\"UP\"");
        assertThat(get("/metrics").body()).containsPattern(
                "anidoc_stage_records_processed_total\\{[^}]*stage=\"" + stage + "\"[^}]*} 1\\.0");
    }

    /** The first FAILED status the service publishes. */
    public ShotStatus awaitFailedStatus(Duration wait) {
        List<ConsumerRecord<String, ShotStatus>> reports = tail(Topic.SHOTS_STATUS, ShotStatus.class)
                .awaitUntil(read -> read.stream().anyMatch(r -> r.value().getState() == ShotState.FAILED), wait);
        return reports.stream().map(ConsumerRecord::value)
                .filter(s -> s.getState() == ShotState.FAILED).findFirst().orElseThrow();
    }

    @Override
    public void close() throws Exception {
        for (int i = tails.size() - 1; i >= 0; i--) {
            tails.get(i).close();
        }
        service.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }
}
