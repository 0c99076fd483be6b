package io.anidoc.console;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-Sent Events to every open page: a {@code snapshot} of all shots and dead letters on
 * connect, then one {@code shot} or {@code deadletter} event per change as the topics deliver it.
 * A page that cannot keep up is disconnected; its browser reconnects and gets a fresh snapshot.
 */
final class EventStream implements AutoCloseable {

    private static final long KEEP_ALIVE_MS = 15_000;

    private final Vertx vertx;
    private final ShotBoard board;
    private final Set<HttpServerResponse> clients = ConcurrentHashMap.newKeySet();
    private final long keepAlive;

    EventStream(Vertx vertx, ShotBoard board) {
        this.vertx = vertx;
        this.board = board;
        // a comment line now and then keeps proxies from closing an idle stream
        this.keepAlive = vertx.setPeriodic(KEEP_ALIVE_MS, id -> send(": keep-alive\n\n"));
    }

    void open(RoutingContext ctx) {
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-store")
                // nginx-based Ingresses buffer responses unless told otherwise
                .putHeader("x-accel-buffering", "no");
        response.write("retry: 2000\n\n");
        // the snapshot and joining the audience are one step: a change the feed applies in between
        // would otherwise be in neither (the board is updated before the change is published)
        synchronized (this) {
            JsonObject snapshot = new JsonObject().put("shots", board.shots()).put("deadLetters", board.deadLetters());
            response.write(event("snapshot", snapshot));
            clients.add(response);
        }
        response.closeHandler(v -> clients.remove(response));
        ctx.request().connection().closeHandler(v -> clients.remove(response));
    }

    /** Sends a change to every page; callable from any thread (a response queues writes for its own event loop). */
    void publish(String name, JsonObject data) {
        send(event(name, data));
    }

    int clients() {
        return clients.size();
    }

    private synchronized void send(String text) {
        for (HttpServerResponse client : Set.copyOf(clients)) {
            if (client.closed() || client.ended()) {
                clients.remove(client);
            } else if (client.writeQueueFull()) {
                clients.remove(client);
                client.reset();
            } else {
                client.write(text);
            }
        }
    }

    private static String event(String name, JsonObject data) {
        return "event: " + name + "\ndata: " + data.encode() + "\n\n";
    }

    @Override
    public void close() {
        vertx.cancelTimer(keepAlive);
        clients.forEach(c -> {
            if (!c.ended()) {
                c.end();
            }
        });
        clients.clear();
    }
}
