package io.anidoc.runtime.blob;

import io.anidoc.runtime.config.BlobStoreConfig;

import java.io.IOException;

/** Opens the blob store the configuration describes. */
public final class BlobStores {

    private BlobStores() {
    }

    public static BlobStore open(BlobStoreConfig config) throws IOException {
        return new FileBlobStore(config.root(), config.verifyReads());
    }
}
