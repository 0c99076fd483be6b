package io.anidoc.runtime.service;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.testing.RawHttp;
import io.anidoc.runtime.testing.RawHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The hardened HTTP edge of every service, over raw sockets: framing, codec refusals, deadlines, the connection cap. */
class HttpEdgeIT {

    private static final int MAX_CONNECTIONS = 6;
    private static final AtomicInteger ECHOES = new AtomicInteger();
    private static RunningService service;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        ConfigSource config = ConfigSource.of("ANIDOC_SERVICE_NAME", "edge", "ANIDOC_HTTP_HOST", "127.0.0.1",
                "ANIDOC_HTTP_PORT", "0", "ANIDOC_HTTP_HEADER_TIMEOUT", "600ms", "ANIDOC_HTTP_BODY_TIMEOUT", "800ms",
                "ANIDOC_HTTP_IDLE_TIMEOUT", "5s", "ANIDOC_HTTP_MAX_CONNECTIONS", String.valueOf(MAX_CONNECTIONS));
        service = ServiceLauncher.create("edge", config).withoutKafka().setup(ctx -> {
            ctx.router().get("/items/:id").handler(rc -> rc.response().end("item " + rc.pathParam("id")));
            ctx.router().put("/items/:id").handler(rc -> rc.response().setStatusCode(204).end());
            ctx.router().post("/echo").handler(ctx.bodyHandler()).handler(rc -> {
                ECHOES.incrementAndGet();
                rc.response().end(rc.body().buffer());
            });
            ctx.router().get("/boom").handler(rc -> {
                throw new IllegalStateException("a bug with the secret body inside");
            });
            ctx.readiness("model", () -> io.vertx.core.Future.failedFuture("the model is not loaded"));
            return io.vertx.core.Future.succeededFuture();
        }).start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        port = service.httpPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void routerRefusalsAreJsonWithAllowOn405() {
        try (RawHttp http = new RawHttp(port)) {
            Answer missing = http.exchange("GET /nothing/here HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.headers().get("content-type")).isEqualTo("application/json");
            assertThat(missing.error()).isEqualTo("not_found");
            assertThat(missing.reason()).contains("GET /nothing/here");

            Answer method = http.exchange("DELETE /items/7 HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(method.status()).isEqualTo(405);
            assertThat(method.headers().get("allow")).isEqualTo("GET, PUT");
            assertThat(method.error()).isEqualTo("method_not_allowed");
            assertThat(method.reason()).contains("DELETE").contains("GET, PUT");

            Answer escape = http.exchange("GET /items/%zz HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(escape.status()).isEqualTo(400);
            assertThat(escape.error()).isEqualTo("bad_request");

            Answer bug = http.exchange("GET /boom HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(bug.status()).isEqualTo(500);
            assertThat(bug.error()).isEqualTo("internal_error");
            assertThat(bug.reason()).doesNotContain("secret");

            Answer notReady = http.exchange("GET /health/ready HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(notReady.status()).isEqualTo(503);
            assertThat(notReady.error()).isEqualTo("not_ready");
            assertThat(notReady.reason()).isEqualTo("failing checks: model");
            assertThat(notReady.json().getJsonObject("checks").getJsonObject("model").getString("error"))
                    .isEqualTo("the model is not loaded");

            Answer served = http.exchange("GET /items/7 HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(served.status()).as("the connection still serves after refusals").isEqualTo(200);
            assertThat(served.text()).isEqualTo("item 7");
        }
    }

    @Test
    void bothFramingsAreRefusedAndNothingAfterThemIsServed() {
        int before = ECHOES.get();
        String smuggled = "GET /items/smuggled HTTP/1.1\r\nHost: t\r\n\r\n";
        for (String version : List.of("HTTP/1.1", "HTTP/1.0")) {
            try (RawHttp http = new RawHttp(port)) {
                Answer answer = http.exchange("POST /echo " + version + "\r\nHost: t\r\nContent-Length: 5\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled);
                assertThat(answer.status()).as(version).isEqualTo(400);
                assertThat(answer.error()).isEqualTo("ambiguous_framing");
                assertThat(answer.reason()).contains("Content-Length").contains("Transfer-Encoding");
                assertThat(http.closedByServer()).as("the connection is closed after " + version).isTrue();
            }
        }
        for (String lengths : List.of("Content-Length: 5\r\nContent-Length: 6\r\n", "Content-Length: 5\r\nContent-Length: 5\r\n",
                "Content-Length: 5, 5\r\n")) {
            try (RawHttp http = new RawHttp(port)) {
                Answer answer = http.exchange("POST /echo HTTP/1.1\r\nHost: t\r\n" + lengths + "\r\nhello" + smuggled);
                assertThat(answer.status()).as(lengths).isEqualTo(400);
                assertThat(answer.error()).isEqualTo("ambiguous_framing");
                assertThat(http.closedByServer()).isTrue();
            }
        }
        try (RawHttp http = new RawHttp(port)) {
            Answer answer = http.exchange("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n" + smuggled);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.error()).isEqualTo("ambiguous_framing");
            assertThat(http.closedByServer()).isTrue();
        }
        assertThat(ECHOES.get()).as("no refused request reached its handler").isEqualTo(before);
        try (RawHttp http = new RawHttp(port)) {
            Answer chunked = http.exchange("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
            assertThat(chunked.status()).as("plain chunked still works").isEqualTo(200);
            assertThat(chunked.text()).isEqualTo("hello");
        }
    }

    @Test
    void codecRefusalsAreJsonAndClose() {
        try (RawHttp http = new RawHttp(port)) {
            Answer answer = http.exchange("GET /items/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(answer.status()).isEqualTo(414);
            assertThat(answer.error()).isEqualTo("uri_too_long");
            assertThat(http.closedByServer()).isTrue();
        }
        try (RawHttp http = new RawHttp(port)) {
            Answer answer = http.exchange("GET /items/1 HTTP/1.1\r\nHost: t\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");
            assertThat(answer.status()).isEqualTo(431);
            assertThat(answer.error()).isEqualTo("headers_too_large");
            assertThat(http.closedByServer()).isTrue();
        }
        try (RawHttp http = new RawHttp(port)) {
            Answer answer = http.exchange("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: -5\r\n\r\n");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.error()).isEqualTo("invalid_content_length");
            assertThat(http.closedByServer()).isTrue();
        }
        try (RawHttp http = new RawHttp(port)) {
            Answer answer = http.exchange("THIS IS NOT HTTP\r\n\r\n");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().containsKey("reason")).isTrue();
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void slowHeadsAndSlowBodiesAreTimedOut() throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            Answer answer = http.send("GET /items/1 HTTP/1.1\r\nHost: t\r\n").read();
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.error()).isEqualTo("header_timeout");
            assertThat(answer.reason()).contains("ANIDOC_HTTP_HEADER_TIMEOUT");
            assertThat(http.closedByServer()).isTrue();
        }
        int before = ECHOES.get();
        try (RawHttp http = new RawHttp(port)) {
            http.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n");
            for (int i = 0; i < 3; i++) {
                http.send("0123456789");
                Thread.sleep(200);
            }
            Answer answer = http.read();
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.error()).isEqualTo("body_timeout");
            assertThat(http.closedByServer()).isTrue();
        }
        assertThat(ECHOES.get()).isEqualTo(before);
        try (RawHttp http = new RawHttp(port)) {
            // keep-alive: a quiet connection between requests is not a slow head
            assertThat(http.exchange("GET /items/1 HTTP/1.1\r\nHost: t\r\n\r\n").status()).isEqualTo(200);
            Thread.sleep(1_000);
            assertThat(http.exchange("GET /items/2 HTTP/1.1\r\nHost: t\r\n\r\n").status()).isEqualTo(200);
        }
    }

    @Test
    void connectionsBeyondTheCapAreAnswered503AndClosed() {
        List<RawHttp> held = new ArrayList<>();
        try {
            // wait until the server counts the held connections: each answers one request
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                RawHttp http = new RawHttp(port);
                held.add(http);
                assertThat(http.exchange("GET /items/" + i + " HTTP/1.1\r\nHost: t\r\n\r\n").status()).isEqualTo(200);
            }
            try (RawHttp extra = new RawHttp(port)) {
                Answer answer = extra.read();
                assertThat(answer.status()).isEqualTo(503);
                assertThat(answer.error()).isEqualTo("too_many_connections");
                assertThat(extra.closedByServer()).isTrue();
            }
        } finally {
            held.forEach(RawHttp::close);
        }
        await(() -> {
            try (RawHttp again = new RawHttp(port)) {
                return again.exchange("GET /items/1 HTTP/1.1\r\nHost: t\r\n\r\n").status() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(condition);
    }
}
