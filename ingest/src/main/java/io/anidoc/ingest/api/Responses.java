package io.anidoc.ingest.api;

import io.anidoc.runtime.service.HttpErrors;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** Writes JSON answers and turns every failure into a clear {@code {error, reason}} body. */
final class Responses {

    private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

    Responses() {
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        json(ctx, status, body.toBuffer());
    }

    static void json(RoutingContext ctx, int status, Buffer body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store")
                .end(body);
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

    /** Failure handler of the API routes: thrown {@link ApiError}s, anything else in the shared shape. */
    void handleFailure(RoutingContext ctx) {
        if (ctx.failure() != null) {
            fail(ctx, ctx.failure());
            return;
        }
        int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
        json(ctx, status, HttpErrors.body(HttpErrors.codeOf(status), "the request to " + ctx.request().method().name()
                + " " + HttpErrors.echo(ctx.request().path()) + " was refused (HTTP " + status + ")"));
    }

    void fail(RoutingContext ctx, Throwable failure) {
        ApiError error = asApiError(failure);
        if (error.status() >= 500) {
            LOG.error("{} {} failed: {}", ctx.request().method(), ctx.request().path(), failure.toString(), failure);
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
        // the message of an unexpected exception may carry request data: it goes to the log only
        return new ApiError(500, "internal_error", "an unexpected error occurred; it was logged");
    }
}
