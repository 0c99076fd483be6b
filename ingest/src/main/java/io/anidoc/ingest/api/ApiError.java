package io.anidoc.ingest.api;

import io.anidoc.runtime.service.HttpErrors;
import io.vertx.core.json.JsonObject;

/**
 * A request ingest refuses, answered as {@code {"error": code, "reason": text, ...details}} with
 * the given HTTP status.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final JsonObject details;

    public ApiError(int status, String code, String reason) {
        this(status, code, reason, new JsonObject());
    }

    public ApiError(int status, String code, String reason, JsonObject details) {
        super(reason, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public JsonObject body() {
        return HttpErrors.body(code, getMessage()).mergeIn(details);
    }

    static ApiError badRequest(String code, String reason) {
        return new ApiError(400, code, reason);
    }

    static ApiError notFound(String shotId) {
        return new ApiError(404, "unknown_shot", "shot '" + shotId + "' was never declared; declare it with PUT /v1/shots/"
                + shotId + " first");
    }

    static ApiError unprocessable(String code, String reason) {
        return new ApiError(422, code, reason);
    }

    static ApiError conflict(String code, String reason, JsonObject details) {
        return new ApiError(409, code, reason, details);
    }
}
