package io.anidoc.runtime.service;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines of one connection, kept by two Netty handlers around the HTTP decoder: a request's
 * head must be complete within the header timeout of its first byte, its body within the body
 * timeout of the end of its head. A client that misses one gets {@code 408} (unless an answer
 * already started) and the connection is closed. Everything runs on the connection's event loop.
 */
final class RequestDeadlines {

    private final long headMillis;
    private final long bodyMillis;
    private ChannelHandlerContext wire;
    private ScheduledFuture<?> timer;
    private boolean awaitingHead = true;
    private boolean answering;

    RequestDeadlines(long headMillis, long bodyMillis) {
        this.headMillis = headMillis;
        this.bodyMillis = bodyMillis;
    }

    void install(ChannelPipeline pipeline, String decoder) {
        pipeline.addBefore(decoder, "anidoc-wire", new Wire());
        pipeline.addAfter(decoder, "anidoc-requests", new Requests());
    }

    /** Writes a complete JSON answer straight to the socket, below the HTTP encoder. */
    ChannelFuture answerRaw(int status, JsonObject body) {
        byte[] json = body.encode().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + HttpResponseStatus.valueOf(status).reasonPhrase() + "\r\n"
                + "content-type: application/json\r\ncache-control: no-store\r\nconnection: close\r\n"
                + "content-length: " + json.length + "\r\n\r\n";
        answering = true;
        return wire.writeAndFlush(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.ISO_8859_1), json));
    }

    private void arm(long millis, String code, String reason) {
        cancel();
        timer = wire.executor().schedule(() -> expire(code, reason), millis, TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(String code, String reason) {
        timer = null;
        if (!wire.channel().isActive()) {
            return;
        }
        if (answering) {
            wire.close();
        } else {
            answerRaw(408, HttpErrors.body(code, reason)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Sees the raw bytes: the first byte of a request starts its header deadline. */
    private final class Wire extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            wire = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (awaitingHead && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                awaitingHead = false;
                arm(headMillis, "header_timeout", "the request head did not arrive within " + headMillis
                        + " ms (ANIDOC_HTTP_HEADER_TIMEOUT)");
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            cancel();
            super.channelInactive(ctx);
        }
    }

    /** Sees decoded requests and the answers written to them. */
    private final class Requests extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest) {
                answering = false;
                arm(bodyMillis, "body_timeout", "the request body did not arrive within " + bodyMillis
                        + " ms (ANIDOC_HTTP_BODY_TIMEOUT)");
            }
            if (msg instanceof LastHttpContent) {
                cancel();
                awaitingHead = true;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpResponse) {
                answering = true;
            }
            ctx.write(msg, promise);
        }
    }
}
