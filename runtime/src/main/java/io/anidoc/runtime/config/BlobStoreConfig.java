package io.anidoc.runtime.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where images and other big payloads are kept: a directory (a shared volume in a cluster) or an
 * S3-compatible bucket, and how long they stay there.
 *
 * @param location    where the blobs are
 * @param verifyReads recompute the SHA-256 of every blob read and fail on a mismatch
 * @param lifecycle   how long blobs stay after their shot is delivered
 */
public record BlobStoreConfig(Location location, boolean verifyReads, Lifecycle lifecycle) {

    public static final Setting URL = Setting.withoutDefault("ANIDOC_BLOB_URL",
            "Where blobs are kept: file:///path for a directory or s3://bucket/prefix for an S3-compatible bucket; "
                    + "unset: the directory ANIDOC_BLOB_ROOT.");
    public static final Setting ROOT = Setting.of("ANIDOC_BLOB_ROOT", "anidoc-data/blobs",
            "Root directory of the content-addressed blob store when ANIDOC_BLOB_URL is unset; every service of a pipeline must see the same one.");
    public static final Setting VERIFY_READS = Setting.of("ANIDOC_BLOB_VERIFY_READS", "false",
            "Check the SHA-256 of every blob read against its address.");
    public static final Setting S3_ENDPOINT = Setting.withoutDefault("ANIDOC_S3_ENDPOINT",
            "Endpoint of an S3-compatible store (MinIO, Ceph RGW, ...); unset: AWS S3 of ANIDOC_S3_REGION.");
    public static final Setting S3_REGION = Setting.of("ANIDOC_S3_REGION", "us-east-1",
            "Region of the bucket (signing region for other S3-compatible stores).");
    public static final Setting S3_PATH_STYLE = Setting.of("ANIDOC_S3_PATH_STYLE", "false",
            "Address the bucket in the path (http://endpoint/bucket/key), as MinIO and most S3-compatible stores need.");
    public static final Setting INTERMEDIATE_GRACE = Setting.of("ANIDOC_BLOB_INTERMEDIATE_GRACE", "1h",
            "How long a delivered shot's intermediates (matches, correspondences, stage images) are kept; 0 keeps them forever.");
    public static final Setting RETENTION = Setting.of("ANIDOC_BLOB_RETENTION", "30d",
            "How long a delivered shot's inputs and deliverables are kept; 0 keeps them forever.");

    public static final List<Setting> SETTINGS = List.of(URL, ROOT, VERIFY_READS, S3_ENDPOINT, S3_REGION, S3_PATH_STYLE,
            INTERMEDIATE_GRACE, RETENTION);

    /** A directory ({@code root}) or a bucket ({@code bucket}, key {@code prefix}, S3 client settings). */
    public record Location(Path root, String bucket, String prefix, Optional<URI> endpoint, String region, boolean pathStyle) {

        public static Location directory(Path root) {
            return new Location(root, null, null, Optional.empty(), null, false);
        }

        public boolean isS3() {
            return bucket != null;
        }
    }

    /**
     * @param intermediateGrace delivered shots' intermediates are deleted this long after delivery; zero: never
     * @param retention         delivered shots' inputs and deliverables are deleted this long after delivery; zero: never
     */
    public record Lifecycle(Duration intermediateGrace, Duration retention) {
    }

    public static BlobStoreConfig from(ConfigSource source) {
        Location location = source.optionalString(URL).isPresent()
                ? location(source, source.uri(URL))
                : Location.directory(source.path(ROOT));
        return new BlobStoreConfig(location, source.bool(VERIFY_READS),
                new Lifecycle(source.duration(INTERMEDIATE_GRACE), source.duration(RETENTION)));
    }

    /** The directory, also when only ANIDOC_BLOB_ROOT is set. */
    public Path root() {
        return location.root();
    }

    private static Location location(ConfigSource source, URI url) {
        switch (url.getScheme()) {
            case "file" -> {
                if (url.getPath() == null || url.getPath().isEmpty()) {
                    throw ConfigException.badValue(URL.name(), url.toString(), "a file URL needs a path, e.g. file:///var/lib/anidoc/blobs");
                }
                return Location.directory(Path.of(url.getPath()));
            }
            case "s3" -> {
                String bucket = url.getHost();
                if (bucket == null || bucket.isEmpty()) {
                    throw ConfigException.badValue(URL.name(), url.toString(), "an S3 URL names its bucket, e.g. s3://bucket/prefix");
                }
                String prefix = url.getPath() == null ? "" : url.getPath().replaceAll("^/+|/+$", "");
                Optional<URI> endpoint = source.optionalString(S3_ENDPOINT).map(any -> source.uri(S3_ENDPOINT));
                return new Location(null, bucket, prefix, endpoint, source.string(S3_REGION), source.bool(S3_PATH_STYLE));
            }
            default -> throw ConfigException.badValue(URL.name(), url.toString(), "use file:///path or s3://bucket/prefix");
        }
    }
}
