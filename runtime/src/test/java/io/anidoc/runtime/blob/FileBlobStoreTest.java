package io.anidoc.runtime.blob;

import io.anidoc.schemas.BlobRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileBlobStoreTest {

    @TempDir
    Path root;

    @Test
    void temporariesAKilledWriterLeftAreSweptButLiveWritesAndOtherFilesStay() throws Exception {
        FileBlobStore store = new FileBlobStore(root);
        BlobRef blob = store.put(randomBytes(3, 1000), "application/octet-stream");
        Path blobFile = store.pathOf(BlobAddress.parse(blob.getUri()));
        Path beside = blobFile.resolveSibling("." + blob.getSha256() + "." + java.util.UUID.randomUUID() + ".tmp");
        Path staged = store.root().resolve("tmp").resolve(java.util.UUID.randomUUID() + ".tmp");
        Path liveWrite = blobFile.resolveSibling("." + blob.getSha256() + "." + java.util.UUID.randomUUID() + ".tmp");
        Path notOurs = store.root().resolve("tmp").resolve("notes.tmp");
        java.time.Instant now = java.time.Instant.now();
        for (Path file : List.of(beside, staged, liveWrite, notOurs)) {
            Files.write(file, new byte[] {1, 2});
        }
        java.nio.file.attribute.FileTime anHourAgo = java.nio.file.attribute.FileTime.from(now.minusSeconds(3600));
        for (Path file : List.of(beside, staged, notOurs)) {
            Files.setLastModifiedTime(file, anHourAgo);
        }

        assertThat(store.sweepStaleTemporaries(now)).isEqualTo(2);
        assertThat(beside).doesNotExist();
        assertThat(staged).doesNotExist();
        assertThat(liveWrite).as("a temporary written just now may belong to a live writer").exists();
        assertThat(notOurs).as("not a name this store writes").exists();
        assertThat(store.get(blob)).hasSize(1000);
    }

    @Test
    void openingTheStoreAtStartSweepsItsStaleTemporaries() throws Exception {
        Path staged = Files.createDirectories(root.resolve("tmp")).resolve(java.util.UUID.randomUUID() + ".tmp");
        Files.write(staged, new byte[] {1});
        Files.setLastModifiedTime(staged, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
        try (BlobStore store = BlobStores.open(new io.anidoc.runtime.config.BlobStoreConfig(root, false))) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !Files.exists(staged));
            assertThat(store.exists(store.put(new byte[] {7}, "application/octet-stream"))).isTrue();
        }
    }

    @Test
    void putReturnsContentAddressAndGetReturnsTheBytes() throws Exception {
        FileBlobStore store = new FileBlobStore(root);
        byte[] png = "not really a png".getBytes(StandardCharsets.UTF_8);

        BlobRef ref = store.put(png, "image/png");

        String sha = sha256(png);
        assertThat(ref.getSha256()).isEqualTo(sha);
        assertThat(ref.getUri()).isEqualTo("blob:sha256/" + sha);
        assertThat(ref.getSize()).isEqualTo(png.length);
        assertThat(ref.getMediaType()).isEqualTo("image/png");
        assertThat(store.exists(ref)).isTrue();
        assertThat(store.get(ref)).isEqualTo(png);
        try (InputStream in = store.openStream(ref.getUri())) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
        Path file = root.toRealPath().resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
        assertThat(file).isRegularFile().hasBinaryContent(png);
    }

    @Test
    void sameBytesGiveTheSameReferenceAndOneFile() throws Exception {
        FileBlobStore store = new FileBlobStore(root);
        byte[] bytes = randomBytes(1, 10_000);
        BlobRef first = store.put(bytes, "application/octet-stream");
        BlobRef second = store.put(bytes.clone(), "application/octet-stream");
        BlobRef streamed = store.put(new ByteArrayInputStream(bytes), "application/octet-stream");
        assertThat(second).isEqualTo(first);
        assertThat(streamed).isEqualTo(first);
        assertThat(blobFiles()).hasSize(1);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void streamedPutOfLargeContent() throws Exception {
        FileBlobStore store = new FileBlobStore(root);
        byte[] bytes = randomBytes(2, 3 * 1024 * 1024 + 17);
        BlobRef ref = store.put(new ByteArrayInputStream(bytes), "image/png");
        assertThat(ref.getSha256()).isEqualTo(sha256(bytes));
        assertThat(ref.getSize()).isEqualTo(bytes.length);
        assertThat(store.get(ref.getUri())).isEqualTo(bytes);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void emptyBlobIsAValidBlob() throws Exception {
        FileBlobStore store = new FileBlobStore(root);
        BlobRef ref = store.put(new byte[0], "application/octet-stream");
        assertThat(ref.getSha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(store.get(ref)).isEmpty();
    }

    @Test
    void manyThreadsWritingTheSameAndDifferentContent() throws Exception {
        FileBlobStore store = new FileBlobStore(root);
        int threads = 16;
        int rounds = 20;
        byte[] shared = randomBytes(3, 200_000);
        List<byte[]> distinct = new ArrayList<>();
        for (int i = 0; i < threads * rounds; i++) {
            distinct.add(randomBytes(100 + i, 1_000 + i * 37));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<BlobRef>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<BlobRef>> writer = () -> {
                    go.await();
                    List<BlobRef> refs = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        refs.add(r % 2 == 0
                                ? store.put(shared, "image/png")
                                : store.put(new ByteArrayInputStream(shared), "image/png"));
                        refs.add(store.put(distinct.get(thread * rounds + r), "application/octet-stream"));
                    }
                    return refs;
                };
                results.add(pool.submit(writer));
            }
            go.countDown();
            List<BlobRef> all = new ArrayList<>();
            for (Future<List<BlobRef>> result : results) {
                all.addAll(result.get());
            }
            assertThat(all).hasSize(threads * rounds * 2);
        } finally {
            pool.shutdownNow();
        }

        String sharedSha = sha256(shared);
        assertThat(store.get("blob:sha256/" + sharedSha)).isEqualTo(shared);
        for (byte[] bytes : distinct) {
            assertThat(store.get("blob:sha256/" + sha256(bytes))).isEqualTo(bytes);
        }
        List<Path> files = blobFiles();
        assertThat(files).hasSize(distinct.size() + 1);
        for (Path file : files) {
            assertThat(sha256(Files.readAllBytes(file))).as("content of %s", file).isEqualTo(file.getFileName().toString());
        }
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void addressesThatCouldEscapeTheRootAreRefused() throws Exception {
        FileBlobStore store = new FileBlobStore(root);
        String sha = "a".repeat(64);
        for (String bad : List.of(
                "blob:sha256/../../etc/passwd",
                "blob:sha256/../" + sha,
                "blob:sha256/" + sha + "/..",
                "/etc/passwd",
                "file:///etc/passwd",
                "blob:sha256//" + sha.substring(1),
                "blob:sha256/" + sha.toUpperCase(),
                "blob:sha256/" + sha.substring(1),
                "blob:sha256/" + "g".repeat(64),
                "blob:sha256/" + sha + "0",
                "",
                sha)) {
            assertThatThrownBy(() -> store.get(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a blob address")
                    .hasMessageContaining("'" + bad + "'");
            assertThatThrownBy(() -> store.exists(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.openStream(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.get((String) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlobAddress("../x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a SHA-256 blob key: '../x'");
    }

    @Test
    void badMediaTypeIsRefused() throws Exception {
        FileBlobStore store = new FileBlobStore(root);
        assertThatThrownBy(() -> store.put(new byte[] {1}, "png"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a media type: 'png' (expected e.g. image/png)");
        assertThat(blobFiles()).isEmpty();
    }

    @Test
    void missingBlobIsReportedAsNotFound() throws Exception {
        FileBlobStore store = new FileBlobStore(root);
        String uri = "blob:sha256/" + "0".repeat(64);
        assertThat(store.exists(uri)).isFalse();
        assertThatThrownBy(() -> store.get(uri)).isInstanceOf(BlobNotFoundException.class).hasMessageContaining(uri);
        assertThatThrownBy(() -> store.openStream(uri)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void verificationDetectsCorruptedBlobs() throws Exception {
        BlobRef ref = new FileBlobStore(root).put("original".getBytes(StandardCharsets.UTF_8), "text/plain");
        Path file = blobFiles().get(0);
        Files.writeString(file, "tampered");

        assertThat(new FileBlobStore(root, false).get(ref)).asString(StandardCharsets.UTF_8).isEqualTo("tampered");
        FileBlobStore verifying = new FileBlobStore(root, true);
        assertThatThrownBy(() -> verifying.get(ref)).isInstanceOf(BlobCorruptedException.class)
                .hasMessageContaining(ref.getUri()).hasMessageContaining(sha256("tampered".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> {
            try (InputStream in = verifying.openStream(ref)) {
                in.readAllBytes();
            }
        }).isInstanceOf(BlobCorruptedException.class);

        BlobRef good = verifying.put("fine".getBytes(StandardCharsets.UTF_8), "text/plain");
        try (InputStream in = verifying.openStream(good)) {
            assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("fine");
        }
    }

    @Test
    void truncatedFileIsRepairedByTheNextPut() throws Exception {
        FileBlobStore store = new FileBlobStore(root);
        byte[] bytes = randomBytes(9, 5_000);
        store.put(bytes, "image/png");
        Path file = blobFiles().get(0);
        Files.write(file, new byte[10]);
        store.put(bytes, "image/png");
        assertThat(file).hasBinaryContent(bytes);
    }

    private List<Path> blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("sha256"))) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private Set<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".tmp") || p.getFileName().toString().startsWith("."))
                    .collect(Collectors.toSet());
        }
    }

    private static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
