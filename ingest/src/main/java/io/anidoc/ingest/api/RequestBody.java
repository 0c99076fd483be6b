package io.anidoc.ingest.api;

import io.anidoc.runtime.service.HttpErrors;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request body as bytes, whatever its {@code Content-Type} says: no form or multipart
 * decoding ever happens. A body over the limit is answered {@code 413} at once (from the announced
 * {@code Content-Length} when there is one) and the connection closed, so it is never read to its end.
 */
final class RequestBody implements Handler<RoutingContext> {

    private static final String KEY = RequestBody.class.getName();

    private final long limit;
    private final String limitName;

    /** @param limitName what sets the limit, named in the refusal */
    RequestBody(long limit, String limitName) {
        this.limit = limit;
        this.limitName = limitName;
    }

    /** The body a {@link RequestBody} handler read for this request; empty when there was none. */
    static Buffer of(RoutingContext ctx) {
        Buffer body = ctx.get(KEY);
        return body != null ? body : Buffer.buffer();
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String announced = request.getHeader("content-length");
        if (announced != null && Long.parseLong(announced.trim()) > limit) {
            tooLarge(ctx);
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("expect")) && request.version() != HttpVersion.HTTP_1_0) {
            ctx.response().writeContinue();
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > limit) {
                refused[0] = true;
                tooLarge(ctx);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(error -> refused[0] = true);
        request.endHandler(ended -> {
            if (!refused[0]) {
                ctx.put(KEY, body);
                ctx.next();
            }
        });
        request.resume();
    }

    private void tooLarge(RoutingContext ctx) {
        // the rest of the body is never read: the connection cannot carry another request
        ctx.response().putHeader("connection", "close");
        HttpErrors.send(ctx.response(), 413, "too_large", "the request body exceeds the limit of " + limit + " bytes ("
                + limitName + ")").onComplete(ignored -> ctx.request().connection().close());
    }
}
