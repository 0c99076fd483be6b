package io.anidoc.ingest.state;

/**
 * An accepted image as ingest remembers it.
 *
 * @param sha256 SHA-256 of the stored PNG bytes (the blob address)
 * @param size   stored size in bytes
 * @param width  pixels
 * @param height pixels
 */
public record StoredFrame(String sha256, long size, int width, int height) {
}
