package io.anidoc.cli.local;

import io.anidoc.cli.CliRun;
import io.anidoc.core.shot.Shot;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.blob.S3BlobStore;
import io.anidoc.runtime.config.BlobStoreConfig;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.testing.S3TestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline with its blobs in an S3 bucket (a real S3-protocol server in this JVM), and
 * the blob lifecycle: once the shots are delivered and the grace period passed, the bucket holds
 * exactly the shots' inputs and deliverables, nothing else.
 */
class PipelineOnObjectStorageIT {

    private static final String TOKEN = "s3-station-token";
    private static final Duration GRACE = Duration.ofSeconds(15);

    @TempDir
    static Path dir;

    static S3TestServer s3;
    static LocalStack stack;
    static List<String> blobSettings;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3TestServer.start();
        // the services find their credentials where the AWS default chain looks in a JVM
        System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
        blobSettings = s3.serviceSettings("pipeline");
        LocalStack.Builder builder = LocalStack.builder(dir.resolve("work"))
                .setting(PipelineService.INGEST, "ANIDOC_INGEST_TOKENS", TOKEN)
                .setting("ANIDOC_BLOB_INTERMEDIATE_GRACE", GRACE.toSeconds() + "s")
                .setting("ANIDOC_BLOB_RETENTION", "0");
        for (int i = 0; i < blobSettings.size(); i += 2) {
            builder.setting(blobSettings.get(i), blobSettings.get(i + 1));
        }
        stack = builder.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (s3 != null) {
            s3.close();
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void shotsDeliveredFromABucketLeaveOnlyInputsAndDeliverablesAfterTheGracePeriod() throws Exception {
        List<Shot> shots = List.of(
                TestShots.generate(dir.resolve("shot-a"), 21, 256, 144, 5, List.of(0, 4)),
                TestShots.generate(dir.resolve("shot-b"), 22, 256, 144, 7, List.of(0, 3, 6)));
        for (Shot shot : shots) {
            CliRun run = CliRun.of("submit", shot.dir().toString(), "--ingest", stack.ingestUri().toString(),
                    "--token", TOKEN, "--wait", "--timeout", "3m");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("shot " + shot.shotId() + " finished");
        }
        for (Shot shot : shots) {
            Path direct = dir.resolve("direct").resolve(shot.shotId());
            TestShots.direct(shot, direct);
            TestShots.assertSameFrames(stack.outputRoot().resolve(shot.shotId()), direct, shot.frameCount());
        }

        Set<String> kept = new HashSet<>();
        for (Shot shot : shots) {
            kept.addAll(blobAddresses(shot.dir().resolve("line"), shot.dir().resolve("keys")));
            Path delivered = stack.outputRoot().resolve(shot.shotId());
            kept.addAll(blobAddresses(delivered.resolve("color"), delivered.resolve("lines"), delivered.resolve("fill"),
                    delivered.resolve("confidence")));
        }
        BlobStoreConfig config = BlobStoreConfig.from(ConfigSource.of(blobSettings.toArray(String[]::new)));
        try (BlobStore bucket = S3BlobStore.open(config.location(), false, S3TestServer.credentials())) {
            // within the grace period the last shot's intermediates are still there
            assertThat(bucket.list()).containsAll(kept).hasSizeGreaterThan(kept.size());
            Awaitility.await().atMost(GRACE.plusSeconds(45)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(bucket.list()).containsExactlyInAnyOrderElementsOf(kept));
        }
        // nothing went to the local directory store
        assertThat(stack.blobRoot()).satisfiesAnyOf(
                root -> assertThat(Files.exists(root)).isFalse(),
                root -> assertThat(regularFiles(root)).isEmpty());
    }

    private static Set<String> blobAddresses(Path... folders) throws Exception {
        Set<String> addresses = new HashSet<>();
        for (Path folder : folders) {
            for (Path file : regularFiles(folder)) {
                addresses.add("blob:sha256/" + HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        return addresses;
    }

    private static List<Path> regularFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
