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
