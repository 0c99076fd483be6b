package io.anidoc.ingest.image;

/**
 * An upload that decoded cleanly.
 *
 * @param format    what was sent
 * @param width     decoded width in pixels
 * @param height    decoded height in pixels
 * @param pngBytes  what to store: the uploaded bytes for a PNG, a lossless PNG re-encoding otherwise
 */
public record ValidatedImage(ImageFormat format, int width, int height, byte[] pngBytes) {
}
