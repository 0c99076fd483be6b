package io.anidoc.runtime.service;

import io.anidoc.runtime.config.RuntimeConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A started service: where it listens and how to stop it. */
public final class RunningService {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final RuntimeConfig config;
    private final ServiceContext context;
    private final HealthRoutes health;
    private volatile HttpServer server;
    private Future<Void> closing;
    private Thread shutdownHook;

    RunningService(RuntimeConfig config, ServiceContext context, HealthRoutes health) {
        this.config = config;
        this.context = context;
        this.health = health;
    }

    void server(HttpServer server) {
        this.server = server;
    }

    public String name() {
        return config.service().name();
    }

    /** The port the HTTP server listens on (the real one when {@code ANIDOC_HTTP_PORT=0}). */
    public int httpPort() {
        HttpServer current = server;
        if (current == null) {
            throw new IllegalStateException(name() + " has no HTTP server");
        }
        return current.actualPort();
    }

    public Vertx vertx() {
        return context.vertx();
    }

    public ServiceContext context() {
        return context;
    }

    /**
     * Stops gracefully: readiness turns to 503 at once (no new traffic), the service's verticles
     * are undeployed newest first (their {@code stop()} finishes or hands back in-flight work),
     * then registered resources close newest first, then the HTTP server and Vert.x. Idempotent.
     */
    public synchronized Future<Void> close() {
        if (closing != null) {
            return closing;
        }
        health.phase(HealthRoutes.Phase.STOPPING);
        LOG.info("stopping {}", name());
        Vertx vertx = context.vertx();
        Future<Void> chain = Future.succeededFuture();
        for (String id : context.deploymentsNewestFirst()) {
            chain = chain.transform(ignored -> vertx.undeploy(id)
                    .onFailure(e -> LOG.warn("undeploying {} of {} failed: {}", id, name(), e.toString())));
        }
        // completed from whichever thread finishes last, so it works after the event loops are gone
        Promise<Void> done = Promise.promise();
        closing = done.future();
        chain
                .transform(ignored -> vertx.executeBlocking(() -> {
                    for (AutoCloseable resource : context.closeablesNewestFirst()) {
                        try {
                            resource.close();
                        } catch (Exception e) {
                            LOG.warn("closing {} of {} failed: {}", resource, name(), e.toString());
                        }
                    }
                    return null;
                }))
                .transform(ignored -> server == null ? Future.<Void>succeededFuture() : server.close())
                .transform(ignored -> vertx.close())
                .onComplete(ar -> {
                    LOG.info("{} stopped", name());
                    if (ar.succeeded()) {
                        done.complete();
                    } else {
                        done.fail(ar.cause());
                    }
                });
        return closing;
    }

    /**
     * Stops the service as close to a crash as a JVM can: every resource that can
     * ({@link AbruptClose}: stage workers, Streams apps) stops without committing further or
     * leaving its consumer group, so the group waits for the session to expire, as after
     * {@code kill -9}; then the rest closes as in {@link #close()}. For recovery tests and drills.
     */
    public Future<Void> closeAbruptly() {
        health.phase(HealthRoutes.Phase.STOPPING);
        LOG.warn("{} stops abruptly", name());
        for (AutoCloseable resource : context.closeablesNewestFirst()) {
            if (resource instanceof AbruptClose abrupt) {
                try {
                    abrupt.closeAbruptly();
                } catch (RuntimeException e) {
                    LOG.warn("stopping {} of {} abruptly failed: {}", resource, name(), e.toString());
                }
            }
        }
        return close();
    }

    /**
     * Stops the service when the JVM is asked to exit (SIGTERM, Ctrl-C), waiting at most
     * {@code ANIDOC_SHUTDOWN_TIMEOUT}.
     *
     * @param flushLogs also shut logging down at the end; only for the last hook of a process
     */
    public synchronized void stopOnShutdownSignal(boolean flushLogs) {
        if (shutdownHook != null) {
            return;
        }
        Duration timeout = config.service().shutdownTimeout();
        shutdownHook = new Thread(() -> {
            try {
                close().toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                LOG.error("{} did not stop within {}; exiting anyway", name(), timeout);
            } catch (Exception e) {
                LOG.error("{} stopped with an error: {}", name(), e.toString());
            } finally {
                if (flushLogs) {
                    LogManager.shutdown();
                }
            }
        }, name() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
}
