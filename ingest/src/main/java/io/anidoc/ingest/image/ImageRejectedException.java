package io.anidoc.ingest.image;

/** An upload that is not an acceptable image; the message says why, for the station's operator. */
public final class ImageRejectedException extends Exception {

    /** Why the image was refused; the HTTP layer maps each to a status code. */
    public enum Reason {
        /** Not PNG, JPEG or TIFF. */
        UNSUPPORTED_FORMAT,
        /** Broken, truncated or undecodable data. */
        CORRUPT,
        /** Declared dimensions beyond the configured limits. */
        TOO_LARGE,
        /** A side shorter than the pipeline can work on. */
        TOO_SMALL,
        /** One side too many times longer than the other. */
        EXTREME_ASPECT
    }

    private final Reason reason;

    public ImageRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
