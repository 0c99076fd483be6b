package io.anidoc.dist;

import io.anidoc.runtime.blob.FileBlobStore;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.stage.TopicTail;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.runtime.testing.SynthClip;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release archives as an operator gets them: unpacked into an empty folder, {@code bin/anidoc
 * service matcher} started with nothing but a JRE on the PATH (no Maven, no build output), against
 * the test broker. It turns ready and matches a clip. Both the full archive (the command line) and
 * the services' archive (what the service image holds) do.
 */
class DistributionIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"anidoc.distribution", "anidoc.distribution.services"})
    void theUnpackedArchiveRunsAStageServiceOnAPlainJre(String archive) throws Exception {
        Path home = unpack(Path.of(System.getProperty(archive)), work.resolve("install"));
        assertThat(home.resolve("bin/anidoc")).isExecutable();
        assertThat(home.resolve("docs/configuration.md")).exists();
        List<String> jars;
        try (var files = Files.list(home.resolve("lib"))) {
            jars = files.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(jars).contains("anidoc-cli-" + System.getProperty("anidoc.version") + ".jar", "kafka-clients-4.3.1.jar");
        if (archive.endsWith(".services")) {
            // the service image's archive: no broker, no Scala, no ONNX Runtime
            assertThat(jars).noneMatch(jar -> jar.startsWith("anidoc-embedded") || jar.startsWith("kafka_2.13")
                    || jar.startsWith("scala-") || jar.startsWith("onnxruntime") || jar.startsWith("kafka-server"));
        } else {
            assertThat(jars).anyMatch(jar -> jar.startsWith("anidoc-embedded")).anyMatch(jar -> jar.startsWith("onnxruntime"));
        }

        // the launcher keeps OpenCV's freed frames in one malloc arena unless told otherwise
        assertThat(version(home, Map.of())).contains("native allocator: MALLOC_ARENA_MAX=1");
        assertThat(version(home, Map.of("MALLOC_ARENA_MAX", "4"))).contains("native allocator: MALLOC_ARENA_MAX=4");
        // and tells glibc to use transparent huge pages, unless told otherwise
        assertThat(version(home, Map.of())).contains("GLIBC_TUNABLES=glibc.malloc.hugetlb=1;");
        assertThat(version(home, Map.of("GLIBC_TUNABLES", "glibc.malloc.hugetlb=0"))).contains("GLIBC_TUNABLES=glibc.malloc.hugetlb=0;");
        // the Java heap on huge pages where the kernel offers them; an option of the operator's turns it off
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        String offered = Files.isReadable(thp) ? Files.readString(thp) : "";
        boolean kernelOffers = offered.contains("[always]") || offered.contains("[madvise]");
        assertThat(version(home, Map.of())).contains("Java heap on transparent huge pages: " + (kernelOffers ? "yes" : "no"));
        assertThat(version(home, Map.of("ANIDOC_JAVA_OPTS", "-XX:-UseTransparentHugePages")))
                .contains("Java heap on transparent huge pages: no");

        Path blobRoot = work.resolve("blobs");
        int port = freePort();
        String prefix = KAFKA.uniquePrefix();
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/anidoc").toString(), "service", "matcher")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("matcher.log").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        // the JRE's own bin folder is the whole PATH: the script needs no other program
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin").toString());
        env.put("ANIDOC_KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
        env.put("ANIDOC_TOPIC_PREFIX", prefix);
        env.put("ANIDOC_TOPIC_PARTITIONS", "2");
        env.put("ANIDOC_HTTP_HOST", "127.0.0.1");
        env.put("ANIDOC_HTTP_PORT", Integer.toString(port));
        env.put("ANIDOC_BLOB_ROOT", blobRoot.toString());
        env.put("ANIDOC_CPUS", "1");
        env.put("ANIDOC_JAVA_OPTS", "-Xmx512m");
        Process matcher = builder.start();
        try {
            awaitReady(matcher, port);

            FileBlobStore blobs = new FileBlobStore(blobRoot);
            SynthClip clip = SynthClip.create(work.resolve("shot"), blobs, "dist");
            Topics topics = new Topics(prefix);
            send(topics.name(Topic.CLIPS), clip.task());
            try (TopicTail<ClipMatched> matched = new TopicTail<>(KAFKA.bootstrapServers(),
                    topics.name(Topic.CLIPS_MATCHED), EventSerdes.of(ClipMatched.class))) {
                List<ConsumerRecord<String, ClipMatched>> out = matched.awaitCount(1, WAIT);
                assertThat(out).extracting(ConsumerRecord::key).containsExactly("dist/clip-000");
                assertThat(blobs.get(out.get(0).value().getMatches())).isNotEmpty();
            }
            assertThat(get(port, "/metrics").body()).containsPattern(
                    "anidoc_stage_records_processed_total\\{[^}]*stage=\"matcher\"[^}]*} 1\\.0");
        } finally {
            matcher.destroy();
            boolean stopped = matcher.waitFor(60, TimeUnit.SECONDS);
            if (!stopped) {
                matcher.destroyForcibly();
            }
            assertThat(stopped).as("the service stops on SIGTERM; log:%n%s", log()).isTrue();
        }
        assertThat(log()).contains("matcher");
    }

    /** {@code bin/anidoc --version} with only the JRE on PATH and the given variables. */
    private static String version(Path home, Map<String, String> variables) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/anidoc").toString(), "--version").redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin").toString());
        builder.environment().putAll(variables);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static Path unpack(Path archive, Path into) throws Exception {
        assertThat(archive).as("the release archive (built by the package phase)").exists();
        Files.createDirectories(into);
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString())
                .inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        try (var entries = Files.list(into)) {
            List<Path> top = entries.toList();
            assertThat(top).hasSize(1);
            return top.get(0);
        }
    }

    private void awaitReady(Process service, int port) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive()).as("the service exited early; log:%n%s", log()).isTrue();
            try {
                if (get(port, "/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the JVM is still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within " + WAIT + "; log:\n" + log());
    }

    private void send(String topic, ClipTask task) throws Exception {
        try (KafkaProducer<String, ClipTask> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(), EventSerdes.of(ClipTask.class))) {
            producer.send(new ProducerRecord<>(topic, task.getClipId(), task)).get();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String log() throws IOException {
        Path log = work.resolve("matcher.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
