package io.anidoc.runtime.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * {@code /health/live}, {@code /health/ready} and {@code /metrics}.
 *
 * <p>Live answers 200 unless a registered {@link LivenessCheck} reports a part dead for good
 * (a stage worker stopped on a fatal failure, a Streams application in state ERROR); then 503
 * with {@code {"error": "not_live", "reason", "failing"}}. The checks read state, so the answer
 * changes on the first probe after the failure.
 */
final class HealthRoutes {

    static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** What a gated route tells clients to wait before they retry. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    enum Phase { STARTING, RUNNING, STOPPING }

    private final Vertx vertx;
    private final Duration checkTimeout;
    private final Map<String, ReadinessCheck> checks = new LinkedHashMap<>();
    private final Map<String, LivenessCheck> livenessChecks = new LinkedHashMap<>();
    private volatile Phase phase = Phase.STARTING;
    private volatile String startingReason = "starting";

    HealthRoutes(Vertx vertx, Duration checkTimeout) {
        this.vertx = vertx;
        this.checkTimeout = checkTimeout;
    }

    void mount(Router router, PrometheusMeterRegistry registry) {
        router.get("/health/live").handler(this::live);
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", PROMETHEUS_CONTENT_TYPE)
                .end(registry.scrape()));
    }

    synchronized void add(String name, ReadinessCheck check) {
        if (checks.putIfAbsent(name, check) != null) {
            throw new IllegalArgumentException("a readiness check named '" + name + "' is already registered");
        }
    }

    synchronized void addLiveness(String name, LivenessCheck check) {
        if (livenessChecks.putIfAbsent(name, check) != null) {
            throw new IllegalArgumentException("a liveness check named '" + name + "' is already registered");
        }
    }

    private void live(RoutingContext ctx) {
        Map<String, LivenessCheck> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(livenessChecks);
        }
        JsonArray failing = new JsonArray();
        List<String> reasons = new ArrayList<>();
        snapshot.forEach((name, check) -> {
            Optional<String> dead;
            try {
                dead = check.deadReason();
            } catch (RuntimeException e) {
                dead = Optional.of("the check failed: " + e);
            }
            dead.ifPresent(reason -> {
                failing.add(name);
                reasons.add(name + ": " + reason);
            });
        });
        if (failing.isEmpty()) {
            json(ctx, 200, new JsonObject().put("status", "UP"));
            return;
        }
        json(ctx, 503, HttpErrors.body("not_live", String.join("; ", reasons))
                .put("status", "DOWN").put("failing", failing));
    }

    /** What start-up waits for now, shown by {@code /health/ready} and the gate until the service runs. */
    void starting(String reason) {
        this.startingReason = reason;
    }

    void phase(Phase phase) {
        this.phase = phase;
    }

    Phase phase() {
        return phase;
    }

    /**
     * Lets requests through while the service runs; before (and while it stops) answers 503 with
     * {@code Retry-After} and {@code {"error", "reason"}} naming what start-up waits for, instead
     * of the router's 404 for routes not mounted yet.
     */
    void gate(RoutingContext ctx) {
        Phase now = phase;
        if (now == Phase.RUNNING) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("retry-after", Long.toString(RETRY_AFTER.toSeconds()));
        json(ctx, 503, new JsonObject()
                .put("error", now == Phase.STARTING ? "starting" : "shutting_down")
                .put("reason", now == Phase.STARTING
                        ? "the service is starting: " + startingReason + "; nothing was accepted, retry the same request"
                        : "the service is shutting down; nothing was accepted, retry the same request"));
    }

    private void ready(RoutingContext ctx) {
        Phase now = phase;
        if (now != Phase.RUNNING) {
            json(ctx, 503, new JsonObject().put("status", "DOWN")
                    .put("reason", now == Phase.STARTING ? startingReason : "shutting down"));
            return;
        }
        Map<String, ReadinessCheck> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(checks);
        }
        List<String> names = new ArrayList<>(snapshot.keySet());
        List<Future<?>> results = new ArrayList<>();
        snapshot.values().forEach(check -> results.add(bounded(check)));
        Future.join(results).onComplete(ignored -> {
            JsonObject details = new JsonObject();
            JsonArray failing = new JsonArray();
            for (int i = 0; i < names.size(); i++) {
                Future<?> result = results.get(i);
                JsonObject entry = new JsonObject();
                if (result.succeeded()) {
                    entry.put("status", "UP");
                    Object value = result.result();
                    if (value instanceof JsonObject || value instanceof String) {
                        entry.put("details", value);
                    }
                } else {
                    entry.put("status", "DOWN").put("error", String.valueOf(result.cause().getMessage()));
                    failing.add(names.get(i));
                }
                details.put(names.get(i), entry);
            }
            JsonObject body = new JsonObject().put("status", failing.isEmpty() ? "UP" : "DOWN");
            if (!failing.isEmpty()) {
                body.put("failing", failing);
            }
            body.put("checks", details);
            json(ctx, failing.isEmpty() ? 200 : 503, body);
        });
    }

    /** The check's outcome, or a failure when it throws or does not answer in time. */
    private Future<?> bounded(ReadinessCheck check) {
        Promise<Object> promise = Promise.promise();
        long timer = vertx.setTimer(checkTimeout.toMillis(), id -> promise.tryFail(
                new TimeoutException("no answer within " + checkTimeout.toMillis() + " ms")));
        Future<?> result;
        try {
            result = check.check();
        } catch (Exception e) {
            result = Future.failedFuture(e);
        }
        result.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                promise.tryComplete(ar.result());
            } else {
                promise.tryFail(ar.cause());
            }
        });
        return promise.future();
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        if (status >= 400 && !body.containsKey("error")) {
            // a refusal in the shape of every other: {"error", "reason"} first, the details after
            JsonArray failing = body.getJsonArray("failing", new JsonArray());
            String reason = body.containsKey("reason") ? body.getString("reason")
                    : "failing checks: " + String.join(", ", failing.stream().map(String::valueOf).toList());
            body = HttpErrors.body("not_ready", reason).mergeIn(body);
        }
        ctx.response().setStatusCode(status)
                .putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store")
                .end(body.encode());
    }
}
