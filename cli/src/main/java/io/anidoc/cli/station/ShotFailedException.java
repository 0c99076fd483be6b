package io.anidoc.cli.station;

/** A shot failed in the pipeline, or did not finish in time; the message says why. */
public final class ShotFailedException extends RuntimeException {

    public ShotFailedException(String message) {
        super(message);
    }
}
