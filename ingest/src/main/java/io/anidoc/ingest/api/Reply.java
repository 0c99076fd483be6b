package io.anidoc.ingest.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * A successful answer: status and JSON body, encoded where the answer is made, so a big one
 * (a shot of 100000 frames) is encoded on the worker that built it, not on the event loop.
 */
record Reply(int status, Buffer body) {

    Reply(int status, JsonObject json) {
        this(status, json.toBuffer());
    }
}
