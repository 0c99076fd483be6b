package io.anidoc.runtime.blob;

import io.anidoc.runtime.config.BlobStoreConfig;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Opens the blob store the configuration describes. */
public final class BlobStores {

    private BlobStores() {
    }

    /**
     * Opens the store and, in the background so start-up does not wait for a walk of a large
     * store, deletes the temporaries killed writers left in it.
     */
    public static BlobStore open(BlobStoreConfig config) throws IOException {
        FileBlobStore store = new FileBlobStore(config.root(), config.verifyReads());
        Thread sweeper = new Thread(() -> store.sweepStaleTemporaries(Instant.now()), "blob-store-sweep");
        sweeper.setDaemon(true);
        sweeper.start();
        return store;
    }
}
