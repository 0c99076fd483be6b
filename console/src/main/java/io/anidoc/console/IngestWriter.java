package io.anidoc.console;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The console writes shots only through the ingest API, with the painter's own token: what ingest
 * refuses, the console refuses with ingest's reason.
 */
final class IngestWriter {

    /** Ingest refused a request: its status and JSON answer. */
    static final class Refused extends Exception {
        final int status;
        final JsonObject body;

        Refused(int status, JsonObject body) {
            super(body.getString("reason", "ingest answered " + status));
            this.status = status;
            this.body = body;
        }
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI ingest;
    private final Optional<String> authorization;

    IngestWriter(URI ingest, Optional<String> authorization) {
        this.ingest = ingest;
        this.authorization = authorization;
    }

    void declare(String shotId, JsonObject declaration) throws IOException, InterruptedException, Refused {
        send("PUT", "/v1/shots/" + shotId, HttpRequest.BodyPublishers.ofString(declaration.encode()), "application/json");
    }

    void image(String shotId, String kind, int index, byte[] png) throws IOException, InterruptedException, Refused {
        send("PUT", "/v1/shots/" + shotId + "/" + kind + "/" + index, HttpRequest.BodyPublishers.ofByteArray(png), "image/png");
    }

    void seal(String shotId) throws IOException, InterruptedException, Refused {
        send("POST", "/v1/shots/" + shotId + "/seal", HttpRequest.BodyPublishers.noBody(), "application/json");
    }

    private void send(String method, String path, HttpRequest.BodyPublisher body, String type)
            throws IOException, InterruptedException, Refused {
        HttpRequest.Builder request = HttpRequest.newBuilder(ingest.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", type).method(method, body);
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            JsonObject answer;
            try {
                answer = new JsonObject(response.body());
            } catch (RuntimeException e) {
                answer = new JsonObject().put("error", "ingest_error").put("reason", "ingest answered " + response.statusCode());
            }
            throw new Refused(response.statusCode(), answer);
        }
    }
}
