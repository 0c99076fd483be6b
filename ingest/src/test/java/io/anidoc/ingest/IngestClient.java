package io.anidoc.ingest;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A station talking to ingest over real HTTP. */
final class IngestClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    IngestClient(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** An answer: status and JSON body (empty object when the body is not JSON). */
    record Answer(int status, JsonObject body) {
        String error() {
            return body.getString("error");
        }

        String reason() {
            return body.getString("reason");
        }
    }

    Answer declare(String shotId, String json) {
        return send(request("/v1/shots/" + shotId).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("content-type", "application/json"));
    }

    Answer line(String shotId, int index, byte[] image) {
        return put("/v1/shots/" + shotId + "/line/" + index, image);
    }

    Answer key(String shotId, int index, byte[] image) {
        return put("/v1/shots/" + shotId + "/keys/" + index, image);
    }

    Answer put(String path, byte[] body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).header("content-type", "image/png"));
    }

    Answer seal(String shotId) {
        return send(request("/v1/shots/" + shotId + "/seal").POST(HttpRequest.BodyPublishers.noBody()));
    }

    Answer status(String shotId) {
        return send(request("/v1/shots/" + shotId).GET());
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            builder.header("authorization", "Bearer " + token);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            JsonObject json = body != null && body.startsWith("{") ? new JsonObject(body) : new JsonObject();
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
