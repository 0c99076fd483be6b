package io.anidoc.runtime.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where images and other big payloads are kept.
 *
 * @param root        root directory of the file blob store (a shared volume in a cluster)
 * @param verifyReads recompute the SHA-256 of every blob read and fail on a mismatch
 */
public record BlobStoreConfig(Path root, boolean verifyReads) {

    public static final Setting ROOT = Setting.of("ANIDOC_BLOB_ROOT", "anidoc-data/blobs",
            "Root directory of the content-addressed blob store; every service of a pipeline must see the same one.");
    public static final Setting VERIFY_READS = Setting.of("ANIDOC_BLOB_VERIFY_READS", "false",
            "Check the SHA-256 of every blob read against its address.");

    public static final List<Setting> SETTINGS = List.of(ROOT, VERIFY_READS);

    public static BlobStoreConfig from(ConfigSource source) {
        return new BlobStoreConfig(source.path(ROOT), source.bool(VERIFY_READS));
    }
}
