package io.anidoc.cli.station;

/** The ingest API refused a request or could not be reached; the message names the request and the reason. */
public final class IngestException extends RuntimeException {

    private final int status;
    private final String error;

    IngestException(String message, int status, String error, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.error = error;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The API's error code, e.g. {@code corrupt_image}; empty when the answer carried none. */
    public String error() {
        return error;
    }
}
