package io.anidoc.runtime.blob;

import io.anidoc.schemas.BlobRef;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link BlobStore} guarantees, whatever keeps the bytes: content addresses, idempotent
 * writes, concurrent writers, refused addresses, not-found and corruption errors, repair of a
 * damaged blob, deletes and listing. Each store's test extends this with a store of its kind.
 */
abstract class BlobStoreContract {

    /** A store over this test's backing storage; every call sees the same blobs. */
    abstract BlobStore store(boolean verifyReads) throws Exception;

    /** Overwrites the stored bytes of a blob behind the store's back (a damaged disk or upload). */
    abstract void overwrite(BlobRef ref, byte[] bytes) throws Exception;

    BlobStore store() throws Exception {
        return store(false);
    }

    @Test
    void putReturnsContentAddressAndGetReturnsTheBytes() throws Exception {
        BlobStore store = store();
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
        assertThat(store.list()).containsExactly(ref.getUri());
    }

    @Test
    void sameBytesGiveTheSameReferenceAndOneBlob() throws Exception {
        BlobStore store = store();
        byte[] bytes = randomBytes(1, 10_000);
        BlobRef first = store.put(bytes, "application/octet-stream");
        BlobRef second = store.put(bytes.clone(), "application/octet-stream");
        BlobRef streamed = store.put(new ByteArrayInputStream(bytes), "application/octet-stream");
        assertThat(second).isEqualTo(first);
        assertThat(streamed).isEqualTo(first);
        assertThat(store.list()).containsExactly(first.getUri());
    }

    @Test
    void streamedPutOfLargeContent() throws Exception {
        BlobStore store = store();
        byte[] bytes = randomBytes(2, 3 * 1024 * 1024 + 17);
        BlobRef ref = store.put(new ByteArrayInputStream(bytes), "image/png");
        assertThat(ref.getSha256()).isEqualTo(sha256(bytes));
        assertThat(ref.getSize()).isEqualTo(bytes.length);
        assertThat(store.get(ref.getUri())).isEqualTo(bytes);
    }

    @Test
    void emptyBlobIsAValidBlob() throws Exception {
        BlobStore store = store();
        BlobRef ref = store.put(new byte[0], "application/octet-stream");
        assertThat(ref.getSha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(store.get(ref)).isEmpty();
    }

    @Test
    void manyThreadsWritingTheSameAndDifferentContent() throws Exception {
        BlobStore store = store();
        int threads = 8;
        int rounds = 10;
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

        assertThat(store.get("blob:sha256/" + sha256(shared))).isEqualTo(shared);
        for (byte[] bytes : distinct) {
            assertThat(store.get("blob:sha256/" + sha256(bytes))).isEqualTo(bytes);
        }
        assertThat(store.list()).hasSize(distinct.size() + 1).doesNotHaveDuplicates();
    }

    @Test
    void addressesThatCouldEscapeTheRootAreRefused() throws Exception {
        BlobStore store = store();
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
            assertThatThrownBy(() -> store.delete(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.get((String) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlobAddress("../x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a SHA-256 blob key: '../x'");
    }

    @Test
    void badMediaTypeIsRefused() throws Exception {
        BlobStore store = store();
        assertThatThrownBy(() -> store.put(new byte[] {1}, "png"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a media type: 'png' (expected e.g. image/png)");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void missingBlobIsReportedAsNotFound() throws Exception {
        BlobStore store = store();
        String uri = "blob:sha256/" + "0".repeat(64);
        assertThat(store.exists(uri)).isFalse();
        assertThatThrownBy(() -> store.get(uri)).isInstanceOf(BlobNotFoundException.class).hasMessageContaining(uri);
        assertThatThrownBy(() -> store.openStream(uri).close()).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void verificationDetectsCorruptedBlobs() throws Exception {
        BlobRef ref = store().put("original".getBytes(StandardCharsets.UTF_8), "text/plain");
        overwrite(ref, "tampered".getBytes(StandardCharsets.UTF_8));

        assertThat(store(false).get(ref)).asString(StandardCharsets.UTF_8).isEqualTo("tampered");
        BlobStore verifying = store(true);
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
    void aDamagedBlobOfTheWrongSizeIsRepairedByTheNextPut() throws Exception {
        BlobStore store = store();
        byte[] bytes = randomBytes(9, 5_000);
        BlobRef ref = store.put(bytes, "image/png");
        overwrite(ref, new byte[10]);
        store.put(bytes, "image/png");
        assertThat(store.get(ref)).isEqualTo(bytes);
    }

    @Test
    void deleteRemovesOneBlobAndIsIdempotent() throws Exception {
        BlobStore store = store();
        BlobRef keep = store.put(randomBytes(10, 100), "image/png");
        BlobRef drop = store.put(randomBytes(11, 100), "image/png");

        assertThat(store.delete(drop.getUri())).isTrue();
        assertThat(store.delete(drop.getUri())).isFalse();

        assertThat(store.exists(drop)).isFalse();
        assertThatThrownBy(() -> store.get(drop)).isInstanceOf(BlobNotFoundException.class);
        assertThat(store.list()).containsExactly(keep.getUri());
        assertThat(store.get(keep)).isEqualTo(randomBytes(10, 100));
    }

    static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
