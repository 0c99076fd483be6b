package io.anidoc.ingest.api;

import io.vertx.core.json.JsonObject;

/** A successful answer: status and JSON body. */
record Reply(int status, JsonObject body) {
}
