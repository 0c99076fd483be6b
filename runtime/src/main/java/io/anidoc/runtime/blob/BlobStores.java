package io.anidoc.runtime.blob;

import io.anidoc.runtime.config.BlobStoreConfig;

import java.io.IOException;

/** Opens the blob store the configuration describes: a directory or an S3-compatible bucket. */
public final class BlobStores {

    private BlobStores() {
    }

    public static BlobStore open(BlobStoreConfig config) throws IOException {
        BlobStoreConfig.Location location = config.location();
        return location.isS3()
                ? S3BlobStore.open(location, config.verifyReads())
                : new FileBlobStore(location.root(), config.verifyReads());
    }
}
