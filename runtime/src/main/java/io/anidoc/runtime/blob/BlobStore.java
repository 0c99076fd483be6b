package io.anidoc.runtime.blob;

import io.anidoc.schemas.BlobRef;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Content-addressed storage for payloads too big for Kafka (images, keypoints, dense fields):
 * events carry a {@link BlobRef} instead of the bytes (claim check).
 *
 * <p>The address of a blob is the SHA-256 of its bytes, written as the URI
 * {@code blob:sha256/<64 lower-case hex digits>}. The URI names content, not a location, so events
 * stay valid whichever store (a shared directory, an S3-compatible bucket) holds the bytes, and
 * storing the same bytes twice gives the same reference: writes are idempotent.
 *
 * <p>Implementations are safe for concurrent use. Methods block; call them from a worker thread,
 * e.g. {@code vertx.executeBlocking(() -> store.put(bytes, "image/png"))}.
 */
public interface BlobStore extends AutoCloseable {

    /** Stores the bytes durably and returns their reference; a blob already present is not rewritten. */
    BlobRef put(byte[] bytes, String mediaType) throws IOException;

    /** Stores everything the stream yields (the caller closes the stream). */
    BlobRef put(InputStream content, String mediaType) throws IOException;

    /**
     * The bytes at a {@code blob:sha256/...} URI.
     *
     * @throws BlobNotFoundException    when no such blob is stored
     * @throws BlobCorruptedException   when verification is on and the bytes do not match the address
     * @throws IllegalArgumentException when the URI is not a blob address
     */
    byte[] get(String uri) throws IOException;

    /** A stream over the blob's bytes; the caller closes it. Same errors as {@link #get(String)}. */
    InputStream openStream(String uri) throws IOException;

    /** Whether the blob is stored. */
    boolean exists(String uri) throws IOException;

    /**
     * Deletes the blob; deleting one that is not stored does nothing (so a cleanup that crashed
     * can simply run again). Content addressing means every holder of these bytes loses them:
     * only the blob lifecycle calls this, for blobs no shot in flight needs.
     *
     * @return whether the blob was stored
     */
    boolean delete(String uri) throws IOException;

    /** The address of every stored blob, in no particular order. */
    List<String> list() throws IOException;

    default byte[] get(BlobRef ref) throws IOException {
        return get(ref.getUri());
    }

    default InputStream openStream(BlobRef ref) throws IOException {
        return openStream(ref.getUri());
    }

    default boolean exists(BlobRef ref) throws IOException {
        return exists(ref.getUri());
    }

    @Override
    default void close() throws IOException {
    }
}
