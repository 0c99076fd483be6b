package io.anidoc.cli.station;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A station's client of the ingest API ({@code /v1/shots}, see docs/ingest.md). Requests that
 * met no answer (connection refused or dropped, e.g. while ingest restarts) or a {@code 503}
 * (nothing was accepted, e.g. ingest still rebuilds its ledger) are repeated with growing pauses,
 * honouring {@code Retry-After}, until the retry time is spent: every request of the API is safe
 * to repeat. What it waits for is told to a listener each time the reason changes.
 */
public final class IngestClient {

    /** How long a request keeps being retried by default: longer than a restart of ingest takes. */
    public static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final Optional<String> token;
    private final HttpClient http;
    private final Duration retryFor;
    private final Consumer<String> waiting;

    /** A client retrying for {@link #DEFAULT_RETRY_FOR} without telling anyone what it waits for. */
    public IngestClient(URI base, Optional<String> token) {
        this(base, token, DEFAULT_RETRY_FOR, reason -> { });
    }

    /**
     * @param base     the service's address, e.g. {@code http://localhost:8080}
     * @param token    bearer token when ingest requires one
     * @param retryFor how long one request is retried while ingest does not answer or answers 503
     * @param waiting  told what the client waits for, once per new reason
     */
    public IngestClient(URI base, Optional<String> token, Duration retryFor, Consumer<String> waiting) {
        String text = Objects.requireNonNull(base, "base").toString();
        if (!base.isAbsolute() || !(text.startsWith("http://") || text.startsWith("https://"))) {
            throw new IllegalArgumentException("ingest address " + base + " is not an http:// or https:// URL");
        }
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = Objects.requireNonNull(token, "token").filter(t -> !t.isBlank());
        this.retryFor = Objects.requireNonNull(retryFor, "retryFor");
        this.waiting = Objects.requireNonNull(waiting, "waiting");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public URI base() {
        return base;
    }

    /** {@code PUT /v1/shots/{shotId}}: true when newly declared, false when the same declaration was there. */
    public boolean declare(String shotId, int frameCount, List<Integer> keyframes, Map<String, Object> options) {
        return declare(shotId, frameCount, keyframes, List.of(), options);
    }

    /** As {@link #declare(String, int, List, Map)}, with the names of the shot's model sheets. */
    public boolean declare(String shotId, int frameCount, List<Integer> keyframes, List<String> sheets,
                           Map<String, Object> options) {
        ObjectNode body = JSON.createObjectNode();
        body.put("frameCount", frameCount);
        keyframes.forEach(body.putArray("keyframes")::add);
        if (!sheets.isEmpty()) {
            sheets.forEach(body.putArray("sheets")::add);
        }
        if (!options.isEmpty()) {
            body.set("options", JSON.valueToTree(options));
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the declaration of " + shotId, e);
        }
        Answer answer = send("PUT", shotPath(shotId), bytes, "application/json", 200, 201);
        return answer.status() == 201;
    }

    /**
     * {@code PUT /v1/shots/{shotId}/line|keys/{index}}: true when the image is new, false when
     * ingest already held exactly this image.
     */
    public boolean upload(String shotId, ImageKind kind, int index, byte[] image) {
        return upload(shotId, kind, String.valueOf(index), image);
    }

    /** As {@link #upload(String, ImageKind, int, byte[])} with the slot as text: a frame index, or a model sheet's name. */
    public boolean upload(String shotId, ImageKind kind, String slot, byte[] image) {
        String path = shotPath(shotId) + "/" + kind.path() + "/" + URLEncoder.encode(slot, StandardCharsets.UTF_8);
        Answer answer = send("PUT", path, image, "image/png", 200, 201);
        return answer.status() == 201;
    }

    /** {@code POST /v1/shots/{shotId}/seal}. */
    public void seal(String shotId) {
        send("POST", shotPath(shotId) + "/seal", new byte[0], "application/json", 202);
    }

    /** {@code GET /v1/shots/{shotId}}; empty when ingest knows nothing of the shot. */
    public Optional<ShotProgress> status(String shotId) {
        Answer answer = send("GET", shotPath(shotId), null, null, 200, 404);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        return Optional.of(ShotProgress.of(answer.json()));
    }

    // ---- plumbing --------------------------------------------------------------------------

    private static String shotPath(String shotId) {
        return "/v1/shots/" + URLEncoder.encode(shotId, StandardCharsets.UTF_8);
    }

    private Answer send(String method, String path, byte[] body, String contentType, int... accepted) {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        String what = method + " " + path;
        long deadline = System.nanoTime() + retryFor.toNanos();
        Duration backoff = FIRST_BACKOFF;
        String lastReason = null;
        while (true) {
            String reason;
            int failedStatus = 0;
            Duration pause = backoff;
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                for (int ok : accepted) {
                    if (status == ok) {
                        return new Answer(status, response.body());
                    }
                }
                IngestException refusal = refusal(what, status, response.body());
                if (status != 503) {
                    throw refusal;
                }
                reason = refusal.getMessage();
                failedStatus = status;
                pause = retryAfter(response).orElse(backoff);
            } catch (IOException e) {
                reason = "ingest at " + base + " did not answer " + what + ": " + describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException("interrupted during " + what, 0, "", e);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IngestException(reason + " (gave up after retrying for " + retryFor.toSeconds() + " s)", failedStatus, "", null);
            }
            if (!reason.equals(lastReason)) {
                waiting.accept(reason + "; retrying for up to " + TimeUnit.NANOSECONDS.toSeconds(left) + " s more");
                lastReason = reason;
            }
            pause(pause.toNanos() < left ? pause : Duration.ofNanos(left));
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** The pause a 503 asks for in seconds, bounded by the longest backoff. */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("retry-after").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.strip());
                return Optional.of(Duration.ofSeconds(Math.max(0, Math.min(seconds, MAX_BACKOFF.toSeconds()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static IngestException refusal(String what, int status, byte[] body) {
        String error = "";
        String reason = new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject()) {
                error = json.path("error").asText("");
                reason = json.path("reason").asText(reason);
            }
        } catch (IOException e) {
            // not JSON: the raw body is the reason
        }
        if (reason.length() > 500) {
            reason = reason.substring(0, 500) + "...";
        }
        String message = "ingest refused " + what + ": " + status + (error.isEmpty() ? "" : " " + error)
                + (reason.isEmpty() ? "" : ": " + reason);
        return new IngestException(message, status, error, null);
    }

    private static String describe(IOException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof java.net.ConnectException ? "connection refused (" + text + ")" : text;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestException("interrupted while retrying", 0, "", e);
        }
    }

    private record Answer(int status, byte[] body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IngestException("ingest answered with something that is not JSON: " + e.getMessage(), status, "", e);
            }
        }
    }

    /** The two kinds of image a shot takes. */
    public enum ImageKind {
        LINE("line"), KEY("keys"), SHEET("refs");

        private final String path;

        ImageKind(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }
}
