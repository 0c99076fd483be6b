package io.anidoc.runtime.service;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.config.Setting;
import io.anidoc.runtime.kafka.KafkaAvailability;
import io.anidoc.runtime.kafka.KafkaClients;
import io.anidoc.runtime.kafka.KafkaProvisioningException;
import io.anidoc.runtime.kafka.KafkaReadiness;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.TopicProvisioner;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Starts one service the same way everywhere: validated configuration, a start-up log line with
 * every setting (secrets redacted), Vert.x with Prometheus metrics, an HTTP server with
 * {@code /health/live}, {@code /health/ready} and {@code /metrics}, topic provisioning and a Kafka
 * readiness check, then the service's own {@link ServiceSetup}.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     ServiceLauncher.create("matcher")
 *             .settings(MatcherConfig.SETTINGS)
 *             .setup(ctx -> ctx.deploy(new MatcherVerticle(ctx, MatcherConfig.from(ctx.source()))))
 *             .run();                       // blocks start-up, stops gracefully on SIGTERM
 * }
 * }</pre>
 */
public final class ServiceLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);
    private static final Duration MAX_WORKER_TASK = Duration.ofMinutes(5);

    private final String defaultName;
    private final ConfigSource source;
    private final List<Setting> extraSettings = new ArrayList<>();
    private ServiceSetup setup = ctx -> Future.succeededFuture();
    private boolean kafkaEnabled = true;
    private final List<String> gatedRoutes = new ArrayList<>();

    private ServiceLauncher(String defaultName, ConfigSource source) {
        this.defaultName = Objects.requireNonNull(defaultName, "defaultName");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** A launcher reading the process environment. */
    public static ServiceLauncher create(String defaultName) {
        return create(defaultName, ConfigSource.env());
    }

    /** A launcher reading the given settings, e.g. one service of the local all-in-one run. */
    public static ServiceLauncher create(String defaultName, ConfigSource source) {
        return new ServiceLauncher(defaultName, source);
    }

    /** The service's own settings, added to the start-up log line. */
    public ServiceLauncher settings(Collection<Setting> settings) {
        extraSettings.addAll(settings);
        return this;
    }

    public ServiceLauncher setup(ServiceSetup setup) {
        this.setup = Objects.requireNonNull(setup, "setup");
        return this;
    }

    /**
     * Routes (e.g. {@code /v1/*}) that answer 503 with {@code Retry-After} and a JSON reason until
     * the service has started (and again while it stops), instead of 404 before they are mounted.
     */
    public ServiceLauncher unavailableUntilStarted(String routePath) {
        gatedRoutes.add(Objects.requireNonNull(routePath, "routePath"));
        return this;
    }

    /** For a service that does not talk to Kafka: no topic provisioning, no Kafka readiness check. */
    public ServiceLauncher withoutKafka() {
        this.kafkaEnabled = false;
        return this;
    }

    /**
     * Starts the service. The future fails with a {@link io.anidoc.runtime.config.ConfigException}
     * on bad settings, or with the first start-up error; whatever was started is then stopped.
     */
    public Future<RunningService> start() {
        RuntimeConfig config;
        try {
            config = RuntimeConfig.from(source, defaultName);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        String name = config.service().name();
        LOG.info("starting {} with {}", name, config.describeLine(extraSettings));

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", name);
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
                        .setEnabled(true)
                        .setJvmMetricsEnabled(true)
                        // one registry per service, so several services can share a JVM
                        .setRegistryName(name + "-" + UUID.randomUUID())))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        WorkerExecutor workers = vertx.createSharedWorkerExecutor(name + "-worker",
                config.service().workerPoolSize(), MAX_WORKER_TASK.toMillis(), TimeUnit.MILLISECONDS);
        KafkaClients kafka = KafkaClients.from(config, registry);
        HealthRoutes health = new HealthRoutes(vertx, config.service().readinessTimeout());
        Router router = Router.router(vertx);
        health.mount(router, registry);
        gatedRoutes.forEach(path -> router.route(path).handler(health::gate));
        ServiceContext context = new ServiceContext(config, vertx, router, registry, kafka, workers, health);
        context.onClose(kafka);
        context.onClose(workers::close);
        RunningService running = new RunningService(config, context, health);

        Future<HttpServer> listening = HttpEdge.create(vertx, config.http(), router).listen();
        // the result must not depend on Vert.x's event loops: a failed start closes them
        Promise<RunningService> result = Promise.promise();
        listening
                .compose(server -> {
                    running.server(server);
                    return kafkaEnabled ? prepareKafka(context) : Future.succeededFuture();
                })
                .compose(ignored -> {
                    try {
                        return setup.setUp(context);
                    } catch (Exception e) {
                        return Future.failedFuture(e);
                    }
                })
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        health.phase(HealthRoutes.Phase.RUNNING);
                        LOG.info("{} started, HTTP on port {}", name, running.httpPort());
                        result.complete(running);
                    } else {
                        LOG.error("{} failed to start: {}", name, ar.cause().toString());
                        running.close().onComplete(closed -> result.fail(ar.cause()));
                    }
                });
        return result.future();
    }

    /**
     * Starts the service, waits for it and stops it gracefully on SIGTERM / Ctrl-C. For a
     * service's {@code main}; exits the process with status 1 when the start fails.
     */
    public RunningService run() {
        RunningService running;
        try {
            running = start().toCompletionStage().toCompletableFuture().get();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.error("start-up failed: {}", cause.getMessage(), cause);
            LogManager.shutdown();
            System.exit(1);
            throw new IllegalStateException(cause);
        }
        running.stopOnShutdownSignal(true);
        return running;
    }

    /**
     * Creates missing topics; a transient refusal (a topic another replica just created is not
     * known to every broker yet, a leader moves) is retried until the start-up deadline.
     */
    private static void provision(ServiceContext context, Duration timeout) throws InterruptedException {
        RuntimeConfig config = context.config();
        long deadline = System.nanoTime() + config.service().startupTimeout().toNanos();
        while (true) {
            try {
                new TopicProvisioner(context.kafka().admin(), timeout.multipliedBy(6)).ensure(
                        context.topics().all(), config.kafka().partitions(), config.kafka().replicationFactor(),
                        name -> context.topics().topicOf(name).map(Topic::creationConfig).orElse(Map.of()));
                return;
            } catch (KafkaProvisioningException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline || context.stopping()) {
                    throw e;
                }
                LOG.info("retrying topic provisioning: {}", e.getMessage());
                Thread.sleep(500);
            }
        }
    }

    /** Waits for the cluster (up to {@code ANIDOC_STARTUP_TIMEOUT}), then creates missing topics. */
    private static Future<Void> prepareKafka(ServiceContext context) {
        RuntimeConfig config = context.config();
        Duration timeout = config.service().readinessTimeout();
        context.readiness("kafka", new KafkaReadiness(context.vertx(), context.kafka().admin(), timeout));
        String bootstrap = config.kafka().bootstrapServers();
        context.starting("waiting for the Kafka cluster at " + bootstrap);
        // admin calls block: keep them off the event loop
        return context.workers().executeBlocking(() -> {
            new KafkaAvailability(context.kafka().admin(), bootstrap, timeout)
                    .await(config.service().startupTimeout(), context::starting, context::stopping);
            if (config.kafka().provisionTopics()) {
                context.starting("creating missing topics");
                provision(context, timeout);
            }
            context.starting("setting up " + config.service().name());
            return null;
        }, false).mapEmpty();
    }
}
