package io.anidoc.ingest.api;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** Writes JSON answers and turns every failure into a clear {@code {error, reason}} body. */
final class Responses {

    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

    private final long maxUploadBytes;

    Responses(long maxUploadBytes) {
        this.maxUploadBytes = maxUploadBytes;
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store")
                .end(body.encode());
    }

    /** Completes a request with a {@link Reply} or the failure's error body. */
    Handler<AsyncResult<Reply>> to(RoutingContext ctx) {
        return result -> {
            if (result.succeeded()) {
                json(ctx, result.result().status(), result.result().body());
            } else {
                fail(ctx, result.cause());
            }
        };
    }

    /** Failure handler of the API routes: thrown {@link ApiError}s and the body handler's 413/400. */
    void handleFailure(RoutingContext ctx) {
        if (ctx.failure() != null) {
            fail(ctx, ctx.failure());
            return;
        }
        int status = ctx.statusCode();
        if (status == 413) {
            json(ctx, 413, new ApiError(413, "too_large", "the request body exceeds the limit of " + maxUploadBytes
                    + " bytes (ANIDOC_INGEST_MAX_BYTES)").body());
        } else if (status == 401) {
            json(ctx, 401, new ApiError(401, "unauthorized", "a valid bearer token is required").body());
        } else {
            json(ctx, status < 400 ? 500 : status, new ApiError(status, "request_failed",
                    "the request could not be read (HTTP " + status + ")").body());
        }
    }

    void fail(RoutingContext ctx, Throwable failure) {
        ApiError error = asApiError(failure);
        if (error.status() >= 500) {
            LOG.warn("{} {} failed: {}", ctx.request().method(), ctx.request().path(), failure.toString(), failure);
        }
        json(ctx, error.status(), error.body());
    }

    private static ApiError asApiError(Throwable failure) {
        if (failure instanceof ApiError api) {
            return api;
        }
        if (failure instanceof PublishException publish) {
            return new ApiError(503, "kafka_unavailable", "Kafka did not acknowledge the event, nothing was accepted; "
                    + "retry the same request: " + publish.getCause().getMessage());
        }
        if (failure instanceof IOException io) {
            return new ApiError(503, "storage_unavailable", "the image could not be stored, nothing was accepted; "
                    + "retry the same request: " + io.getMessage());
        }
        return new ApiError(500, "internal_error", String.valueOf(failure.getMessage()));
    }
}
