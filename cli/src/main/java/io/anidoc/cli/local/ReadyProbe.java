package io.anidoc.cli.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a service on this machine whether it is ready: {@code GET /health/ready} answered 200. */
public final class ReadyProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ReadyProbe() {
    }

    /** Whether the service on {@code port} of 127.0.0.1 answers ready now; false while it does not answer at all. */
    public static boolean isReady(int port) throws InterruptedException {
        URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
        try {
            return HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
