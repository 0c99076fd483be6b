package io.anidoc.runtime.blob;

import java.io.IOException;

/** No blob is stored at the address. */
public final class BlobNotFoundException extends IOException {

    public BlobNotFoundException(String message) {
        super(message);
    }
}
