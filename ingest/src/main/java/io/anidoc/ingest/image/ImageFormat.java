package io.anidoc.ingest.image;

/** The upload formats ingest accepts, told apart by their first bytes (the Content-Type header is not trusted). */
public enum ImageFormat {
    PNG("image/png"),
    JPEG("image/jpeg"),
    TIFF("image/tiff");

    private final String mediaType;

    ImageFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }
}
