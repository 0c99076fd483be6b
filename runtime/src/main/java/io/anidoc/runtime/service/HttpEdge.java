package io.anidoc.runtime.service;

import io.anidoc.runtime.config.HttpConfig;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerConnection;
import io.vertx.ext.web.Router;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server every service listens with, hardened against clients that would stall or
 * confuse it: HTTP/1.1 only; the codec's refusals (request line too long 414, head too large 431,
 * malformed 400) answered in the {@link HttpErrors} shape and the connection closed; ambiguous
 * framing (both {@code Content-Length} and {@code Transfer-Encoding}, several {@code Content-Length}s,
 * a transfer coding other than chunked) refused and the connection closed, so no byte after it is
 * read as a request; idle, header and body deadlines; a cap on open connections.
 */
final class HttpEdge {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);

    /** Netty's names for Vert.x's HTTP/1.x decoder in a connection's pipeline. */
    private static final String DECODER = "httpDecoder";

    private HttpEdge() {
    }

    static HttpServer create(Vertx vertx, HttpConfig config, Router router) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                // one protocol to harden: no cleartext HTTP/2 upgrade or prior knowledge
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        HttpErrors.install(router);
        AtomicInteger open = new AtomicInteger();
        return vertx.createHttpServer(options)
                .connectionHandler(connection -> guard(connection, config, options, open))
                .invalidRequestHandler(HttpEdge::refuseInvalid)
                .requestHandler(request -> {
                    if (!FramingCheck.refused(request)) {
                        router.handle(request);
                    }
                });
    }

    /**
     * Vert.x has no public hook for its HTTP/1.x decoder or for per-request deadlines, so the
     * connection's Netty pipeline is reached through Vert.x's internal connection type; HttpEdgeIT
     * fails if a Vert.x upgrade moves it.
     */
    private static void guard(HttpConnection connection, HttpConfig config, HttpServerOptions options, AtomicInteger open) {
        ChannelPipeline pipeline = connection instanceof HttpServerConnection internal
                ? internal.channelHandlerContext().pipeline() : null;
        if (pipeline == null || pipeline.get(DECODER) == null) {
            LOG.warn("connection {} is served without framing checks and deadlines: no HTTP/1.x decoder found",
                    connection.remoteAddress());
            return;
        }
        pipeline.replace(DECODER, DECODER, new StrictRequestDecoder(options));
        RequestDeadlines deadlines = new RequestDeadlines(config.headerTimeout().toMillis(), config.bodyTimeout().toMillis());
        deadlines.install(pipeline, DECODER);
        int now = open.incrementAndGet();
        connection.closeHandler(ignored -> open.decrementAndGet());
        if (now > config.maxConnections()) {
            deadlines.answerRaw(503, HttpErrors.body("too_many_connections", "the server already serves "
                    + config.maxConnections() + " connections (ANIDOC_HTTP_MAX_CONNECTIONS); retry later"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The codec could not read the request: answer why, then close (the rest of the stream is unreadable). */
    private static void refuseInvalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        HttpServerResponse response = request.response();
        if (cause instanceof TooLongHttpLineException) {
            HttpErrors.send(response, 414, "uri_too_long", "the request line is longer than "
                    + HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH + " bytes");
        } else if (cause instanceof TooLongHttpHeaderException) {
            HttpErrors.send(response, 431, "headers_too_large", "the request headers are larger than "
                    + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE + " bytes");
        } else if (cause instanceof StrictRequestDecoder.AmbiguousFraming) {
            HttpErrors.send(response, 400, "ambiguous_framing", cause.getMessage());
        } else if (cause != null && String.valueOf(cause.getMessage()).startsWith("Multiple Content-Length")) {
            HttpErrors.send(response, 400, "ambiguous_framing", "the request has several Content-Length values; "
                    + "send exactly one");
        } else if (cause != null && String.valueOf(cause.getMessage()).startsWith("Content-Length value")) {
            HttpErrors.send(response, 400, "invalid_content_length", "the Content-Length is not a whole number >= 0");
        } else {
            HttpErrors.send(response, 400, "malformed_request", "the request is not valid HTTP/1.1"
                    + (cause != null ? ": " + HttpErrors.echo(cause.getMessage()) : ""));
        }
        request.connection().close();
    }

    /** Framing that reached Vert.x yet cannot be trusted (e.g. in HTTP/1.0, where the codec keeps both headers). */
    static final class FramingCheck {

        private FramingCheck() {
        }

        static boolean refused(HttpServerRequest request) {
            List<String> lengths = request.headers().getAll("content-length");
            List<String> encodings = request.headers().getAll("transfer-encoding");
            String reason = null;
            if (!lengths.isEmpty() && !encodings.isEmpty()) {
                reason = "the request has both Content-Length and Transfer-Encoding; send one of them";
            } else if (lengths.size() > 1 || lengths.stream().anyMatch(value -> value.contains(","))) {
                reason = "the request has several Content-Length values; send exactly one";
            } else if (encodings.size() > 1 || !encodings.isEmpty() && !"chunked".equalsIgnoreCase(encodings.get(0).trim())) {
                reason = "Transfer-Encoding '" + HttpErrors.echo(String.join(", ", encodings)) + "' is not supported; "
                        + "send chunked or a Content-Length";
            }
            if (reason == null) {
                return false;
            }
            HttpErrors.send(request.response(), 400, "ambiguous_framing", reason);
            request.connection().close();
            return true;
        }
    }

}
