package io.anidoc.runtime.service;

import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.blob.BlobStores;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.kafka.KafkaClients;
import io.anidoc.runtime.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything a service builds on: configuration, Vert.x, the HTTP router, metrics, Kafka clients,
 * the blob store and a bounded worker pool. What a service registers here (verticles, resources)
 * is stopped in reverse order at shutdown.
 */
public final class ServiceContext {

    private final RuntimeConfig config;
    private final Vertx vertx;
    private final Router router;
    private final MeterRegistry meterRegistry;
    private final KafkaClients kafka;
    private final WorkerExecutor workers;
    private final HealthRoutes health;
    private final List<String> deployments = new ArrayList<>();
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private BlobStore blobStore;

    ServiceContext(RuntimeConfig config, Vertx vertx, Router router, MeterRegistry meterRegistry,
                   KafkaClients kafka, WorkerExecutor workers, HealthRoutes health) {
        this.config = config;
        this.vertx = vertx;
        this.router = router;
        this.meterRegistry = meterRegistry;
        this.kafka = kafka;
        this.workers = workers;
        this.health = health;
    }

    public RuntimeConfig config() {
        return config;
    }

    /** The raw settings, for a service's own config class. */
    public ConfigSource source() {
        return config.source();
    }

    public String serviceName() {
        return config.service().name();
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The HTTP router; add the service's own routes here. */
    public Router router() {
        return router;
    }

    /** A body handler limited to {@code ANIDOC_HTTP_MAX_BODY_SIZE}, for routes that read request bodies. */
    public BodyHandler bodyHandler() {
        return BodyHandler.create(false).setBodyLimit(config.http().maxBodySize());
    }

    /** The registry {@code /metrics} exports; every meter carries the tag {@code service}. */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    public KafkaClients kafka() {
        return kafka;
    }

    public Topics topics() {
        return kafka.topics();
    }

    /**
     * The bounded pool ({@code ANIDOC_WORKER_POOL_SIZE} threads) for blocking work such as image
     * processing and blob I/O: {@code workers().executeBlocking(() -> ...)}.
     */
    public WorkerExecutor workers() {
        return workers;
    }

    /** The blob store of {@code ANIDOC_BLOB_URL} (or {@code ANIDOC_BLOB_ROOT}), opened on first use and closed at shutdown. */
    public synchronized BlobStore blobStore() {
        if (blobStore == null) {
            try {
                blobStore = BlobStores.open(config.blob());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the blob store at " + config.blob().location(), e);
            }
            closeables.push(blobStore);
        }
        return blobStore;
    }

    /**
     * Says what start-up waits for now (e.g. "rebuilding the ledger"); {@code /health/ready} and
     * the routes gated by {@link ServiceLauncher#unavailableUntilStarted} show it until the
     * service runs.
     */
    public void starting(String reason) {
        health.starting(Objects.requireNonNull(reason, "reason"));
    }

    /** Adds a condition to {@code /health/ready}. */
    public void readiness(String name, ReadinessCheck check) {
        health.add(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
    }

    /** Deploys a verticle; at shutdown it is undeployed (its {@code stop()} finishes in-flight work) before resources close. */
    public Future<String> deploy(Deployable verticle) {
        return deploy(verticle, new DeploymentOptions());
    }

    public Future<String> deploy(Deployable verticle, DeploymentOptions options) {
        return track(vertx.deployVerticle(verticle, options));
    }

    /** Deploys {@code options.getInstances()} instances made by the supplier. */
    public Future<String> deploy(Supplier<? extends Deployable> verticles, DeploymentOptions options) {
        return track(vertx.deployVerticle(verticles, options));
    }

    /** Closes the resource at shutdown, after the verticles stopped, in reverse order of registration. */
    public synchronized <T extends AutoCloseable> T onClose(T resource) {
        closeables.push(Objects.requireNonNull(resource, "resource"));
        return resource;
    }

    /**
     * Adds a part that can die for good to {@code /health/live}: while any check reports a problem
     * the probe answers 503, so the orchestrator restarts the process.
     */
    public void liveness(String name, LivenessCheck check) {
        health.addLiveness(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check"));
    }

    /** True once shutdown began: start-up stops waiting for Kafka. */
    boolean stopping() {
        return health.phase() == HealthRoutes.Phase.STOPPING;
    }

    private Future<String> track(Future<String> deployment) {
        return deployment.onSuccess(id -> {
            synchronized (this) {
                deployments.add(id);
            }
        });
    }

    synchronized List<String> deploymentsNewestFirst() {
        List<String> ids = new ArrayList<>(deployments);
        java.util.Collections.reverse(ids);
        return ids;
    }

    synchronized List<AutoCloseable> closeablesNewestFirst() {
        return new ArrayList<>(closeables);
    }
}
