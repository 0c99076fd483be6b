package io.anidoc.core.pipeline;

import java.io.IOException;

/** Reads the bytes stored at an address, e.g. a blob store's {@code get}. */
@FunctionalInterface
public interface BlobFetcher {

    /** @throws IOException when the bytes cannot be read, e.g. no blob is stored there */
    byte[] fetch(String uri) throws IOException;
}
