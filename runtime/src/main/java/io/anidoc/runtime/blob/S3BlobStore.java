package io.anidoc.runtime.blob;

import io.anidoc.runtime.config.BlobStoreConfig;
import io.anidoc.schemas.BlobRef;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link BlobStore} in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW, ...), with the same
 * addresses and guarantees as {@link FileBlobStore}.
 *
 * <p>Layout: {@code <prefix>/sha256/ab/cd/abcd...}, the file store's layout under a key prefix. An
 * S3 PUT is atomic: a reader sees either no object or the complete one, so no staging is needed
 * for byte arrays; streamed writes stage in a local temporary file because their key (their hash)
 * is known only at the end. A blob already stored with the same size is not rewritten; one of
 * another size (a damaged upload) is replaced. Credentials come from the AWS default chain
 * ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, web identity, instance profile).
 */
public final class S3BlobStore implements BlobStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final boolean verifyReads;
    private final String where;

    S3BlobStore(S3Client s3, String bucket, String prefix, boolean verifyReads) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = prefix == null || prefix.isEmpty() ? "" : prefix + "/";
        this.verifyReads = verifyReads;
        this.where = "s3://" + bucket + "/" + this.prefix;
    }

    /** A store on the bucket the location names, with the default credentials chain. */
    public static S3BlobStore open(BlobStoreConfig.Location location, boolean verifyReads) {
        return open(location, verifyReads, DefaultCredentialsProvider.builder().build());
    }

    public static S3BlobStore open(BlobStoreConfig.Location location, boolean verifyReads, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(location.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(location.pathStyle())
                // S3-compatible stores do not all know the SDK's default CRC32 trailers; the blob's
                // own SHA-256 address is what the reads verify
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        location.endpoint().ifPresent(builder::endpointOverride);
        return new S3BlobStore(builder.build(), location.bucket(), location.prefix(), verifyReads);
    }

    @Override
    public BlobRef put(byte[] bytes, String mediaType) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        BlobRefs.checkMediaType(mediaType);
        BlobAddress address = BlobAddress.of(bytes);
        if (!isStored(address, bytes.length)) {
            call(() -> s3.putObject(b -> b.bucket(bucket).key(keyOf(address)).contentType(mediaType),
                    RequestBody.fromBytes(bytes)), address);
        }
        return BlobRefs.ref(address, bytes.length, mediaType);
    }

    @Override
    public BlobRef put(InputStream content, String mediaType) throws IOException {
        Objects.requireNonNull(content, "content");
        BlobRefs.checkMediaType(mediaType);
        Path temp = Files.createTempFile("anidoc-blob-", ".tmp");
        try {
            BlobRefs.Copied copied;
            try (OutputStream out = Files.newOutputStream(temp)) {
                copied = BlobRefs.copyHashing(content, out);
            }
            BlobAddress address = copied.address();
            if (!isStored(address, copied.size())) {
                call(() -> s3.putObject(b -> b.bucket(bucket).key(keyOf(address)).contentType(mediaType),
                        RequestBody.fromFile(temp)), address);
            }
            return BlobRefs.ref(address, copied.size(), mediaType);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public byte[] get(String uri) throws IOException {
        BlobAddress address = BlobAddress.parse(uri);
        byte[] bytes = call(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(keyOf(address))).asByteArray(), address);
        return verifyReads ? BlobRefs.verified(bytes, address, where) : bytes;
    }

    @Override
    public InputStream openStream(String uri) throws IOException {
        BlobAddress address = BlobAddress.parse(uri);
        InputStream in = call(() -> s3.getObject(b -> b.bucket(bucket).key(keyOf(address))), address);
        return verifyReads ? new VerifyingInputStream(in, address, where) : in;
    }

    @Override
    public boolean exists(String uri) throws IOException {
        return head(BlobAddress.parse(uri)).isPresent();
    }

    @Override
    public boolean delete(String uri) throws IOException {
        BlobAddress address = BlobAddress.parse(uri);
        boolean existed = head(address).isPresent();
        call(() -> s3.deleteObject(b -> b.bucket(bucket).key(keyOf(address))), address);
        return existed;
    }

    @Override
    public List<String> list() throws IOException {
        List<String> uris = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "sha256/")).contents()) {
                String key = object.key();
                uris.add(BlobAddress.URI_PREFIX + key.substring(key.lastIndexOf('/') + 1));
            }
        } catch (SdkException e) {
            throw new IOException("cannot list " + where + ": " + e.getMessage(), e);
        }
        return uris;
    }

    /** The object key of a blob. */
    public String keyOf(BlobAddress address) {
        String hex = address.sha256();
        return prefix + "sha256/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex;
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3BlobStore[" + where + "]";
    }

    private boolean isStored(BlobAddress address, long size) throws IOException {
        return head(address).map(HeadObjectResponse::contentLength).filter(length -> length == size).isPresent();
    }

    private Optional<HeadObjectResponse> head(BlobAddress address) throws IOException {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(keyOf(address))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("cannot reach blob " + address.uri() + " in " + where + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("cannot reach blob " + address.uri() + " in " + where + ": " + e.getMessage(), e);
        }
    }

    private <T> T call(S3Call<T> call, BlobAddress address) throws IOException {
        try {
            return call.run();
        } catch (NoSuchKeyException e) {
            throw new BlobNotFoundException("no blob " + address.uri() + " in " + where);
        } catch (SdkException e) {
            throw new IOException("blob " + address.uri() + " in " + where + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run();
    }
}
