package io.anidoc.runtime.service;

import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

/**
 * Vert.x's request decoder, except that a request with both {@code Transfer-Encoding: chunked}
 * and {@code Content-Length} is invalid instead of silently read as chunked: such a request may be
 * an attempt at request smuggling (RFC 9112 section 6.1), so it is refused and the connection
 * closed. Netty already refuses several differing {@code Content-Length} values.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

    StrictRequestDecoder(HttpServerOptions options) {
        super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new AmbiguousFraming();
    }

    /** The decoder result's cause for a request framed two ways. */
    static final class AmbiguousFraming extends IllegalArgumentException {
        AmbiguousFraming() {
            super("the request has both Content-Length and Transfer-Encoding; send one of them", null);
        }
    }
}
