package io.anidoc.runtime.blob;

import io.anidoc.schemas.BlobRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The blob store contract on a directory, and the file layout other tools rely on. */
class FileBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path root;

    @Override
    BlobStore store(boolean verifyReads) throws IOException {
        return new FileBlobStore(root, verifyReads);
    }

    @Override
    void overwrite(BlobRef ref, byte[] bytes) throws IOException {
        Files.write(new FileBlobStore(root).pathOf(BlobAddress.parse(ref.getUri())), bytes);
    }

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
        for (Path file : java.util.List.of(beside, staged, liveWrite, notOurs)) {
            Files.write(file, new byte[] {1, 2});
        }
        java.nio.file.attribute.FileTime anHourAgo = java.nio.file.attribute.FileTime.from(now.minusSeconds(3600));
        for (Path file : java.util.List.of(beside, staged, notOurs)) {
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
        try (BlobStore store = BlobStores.open(new io.anidoc.runtime.config.BlobStoreConfig(
                io.anidoc.runtime.config.BlobStoreConfig.Location.directory(root), false,
                new io.anidoc.runtime.config.BlobStoreConfig.Lifecycle(java.time.Duration.ofHours(1), java.time.Duration.ofDays(30))))) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> !Files.exists(staged));
            assertThat(store.exists(store.put(new byte[] {7}, "application/octet-stream"))).isTrue();
        }
    }

    @Test
    void blobsLiveInTwoLevelsOfShardsAndLeaveNoTemporaryFiles() throws Exception {
        FileBlobStore store = new FileBlobStore(root);
        byte[] bytes = randomBytes(4, 70_000);
        BlobRef ref = store.put(bytes, "image/png");
        store.put(new ByteArrayInputStream(randomBytes(5, 200_000)), "image/png");

        String sha = ref.getSha256();
        Path file = root.toRealPath().resolve("sha256").resolve(sha.substring(0, 2)).resolve(sha.substring(2, 4)).resolve(sha);
        assertThat(file).isRegularFile().hasBinaryContent(bytes);
        assertThat(tempFiles()).isEmpty();
    }

    private Set<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".tmp") || p.getFileName().toString().startsWith("."))
                    .collect(Collectors.toSet());
        }
    }
}
