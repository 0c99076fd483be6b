package io.anidoc.runtime.blob;

import io.anidoc.runtime.config.BlobStoreConfig;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Opens the blob store the configuration describes: a directory or an S3-compatible bucket. */
public final class BlobStores {

    private BlobStores() {
    }

    /**
     * Opens the store; a directory store also deletes, in the background so start-up does not wait
     * for a walk of a large store, the temporaries killed writers left in it.
     */
    public static BlobStore open(BlobStoreConfig config) throws IOException {
        BlobStoreConfig.Location location = config.location();
        if (location.isS3()) {
            return S3BlobStore.open(location, config.verifyReads());
        }
        FileBlobStore store = new FileBlobStore(location.root(), config.verifyReads());
        Thread sweeper = new Thread(() -> store.sweepStaleTemporaries(Instant.now()), "blob-store-sweep");
        sweeper.setDaemon(true);
        sweeper.start();
        return store;
    }
}
