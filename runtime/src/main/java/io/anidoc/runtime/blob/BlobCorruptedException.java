package io.anidoc.runtime.blob;

import java.io.IOException;

/** The stored bytes do not hash to their address. */
public final class BlobCorruptedException extends IOException {

    public BlobCorruptedException(String message) {
        super(message);
    }
}
