package io.anidoc.ingest.image;

/** What an image file says about itself before any pixel is decoded. */
public record ImageHeader(ImageFormat format, int width, int height) {

    public long pixels() {
        return (long) width * height;
    }
}
