package io.anidoc.cli.local;

import org.apache.commons.io.FileUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.embedded.kafka.EmbeddedKafka;
import io.anidoc.console.ConsoleMain;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.runtime.service.ServiceLauncher;
import io.anidoc.runtime.stage.StageWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in this JVM: an embedded Kafka broker and every service (ingest with its
 * assembler, matcher, tracker, colorizer, sink), each started through its own launcher with its
 * own settings map layered over the environment, the way separate processes would run.
 *
 * <p>Work directory layout: {@code kafka/} (broker data, reused by a later start),
 * {@code blobs/} (the shared blob store), {@code out/} (finished shots), {@code streams/<service>/}
 * (Kafka Streams state of ingest's assembler and the sink).
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final boolean deleteOnClose;
    private final EmbeddedKafka kafka;
    private final Map<String, String> common;
    private final Map<PipelineService, Map<String, String>> perService;
    private final ConfigSource fallback;
    private final int ingestPort;
    private final String ingestHost;
    private final Map<PipelineService, Instance> running = new EnumMap<>(PipelineService.class);
    private final Integer consolePort;
    private final Map<String, String> consoleSettings;
    private RunningService console;
    private boolean closed;

    private LocalStack(Builder builder, EmbeddedKafka kafka) {
        this.workDir = builder.workDir;
        this.deleteOnClose = builder.deleteOnClose;
        this.kafka = kafka;
        this.common = Map.copyOf(builder.common);
        Map<PipelineService, Map<String, String>> copy = new EnumMap<>(PipelineService.class);
        builder.perService.forEach((service, values) -> copy.put(service, Map.copyOf(values)));
        this.perService = Collections.unmodifiableMap(copy);
        this.fallback = builder.fallback;
        this.ingestPort = builder.ingestPort;
        this.ingestHost = builder.ingestHost;
        this.consolePort = builder.consolePort;
        this.consoleSettings = Map.copyOf(builder.consoleSettings);
    }

    /** A stack keeping its data in {@code workDir}. */
    public static Builder builder(Path workDir) {
        return new Builder(Objects.requireNonNull(workDir, "workDir"), false);
    }

    /** A stack in a new temporary directory, deleted on {@link #close()}. */
    public static Builder temporary() {
        try {
            return new Builder(Files.createTempDirectory("anidoc-local-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary work directory", e);
        }
    }

    // ---- where things are ------------------------------------------------------------------

    public Path workDir() {
        return workDir;
    }

    public Path blobRoot() {
        return workDir.resolve("blobs");
    }

    /** Where the sink writes finished shots, one folder per shot. */
    public Path outputRoot() {
        return workDir.resolve("out");
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The ingest API's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public synchronized URI ingestUri() {
        String host = ingestHost.equals("0.0.0.0") || ingestHost.equals("::") ? "localhost"
                : ingestHost.contains(":") ? "[" + ingestHost + "]" : ingestHost;
        return URI.create("http://" + host + ":" + service(PipelineService.INGEST).httpPort());
    }

    /** The console's base URL with its trailing slash, e.g. {@code http://127.0.0.1:8090/}; empty without a console. */
    public synchronized Optional<URI> consoleUri() {
        return console == null ? Optional.empty()
                : Optional.of(URI.create("http://127.0.0.1:" + console.httpPort() + "/"));
    }

    /** Kafka settings for a client of this stack: the broker, the topic prefix and client properties. */
    public ConfigSource clientSettings() {
        Map<String, String> values = new LinkedHashMap<>(common);
        values.put("ANIDOC_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        values.put("POD_NAME", "");
        return ConfigSource.of(values).withFallback(fallback);
    }

    /** The running instance of a service. */
    public synchronized RunningService service(PipelineService service) {
        Instance instance = running.get(service);
        if (instance == null) {
            throw new IllegalStateException(service.serviceName() + " is not running");
        }
        return instance.service();
    }

    /** The stage worker of a running stage service; empty for ingest and the sink. */
    public synchronized Optional<StageWorker<?, ?>> worker(PipelineService service) {
        Instance instance = running.get(service);
        return instance == null ? Optional.empty() : instance.worker();
    }

    public synchronized boolean isRunning(PipelineService service) {
        return running.containsKey(service);
    }

    /**
     * Waits until every running service answers {@code /health/ready} with 200: started services
     * take uploads at once, but the assembler and the sink join their groups a few seconds later,
     * and a measurement should not count that.
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<RunningService> services;
        synchronized (this) {
            services = running.values().stream().map(Instance::service).toList();
        }
        for (RunningService service : services) {
            while (!ReadyProbe.isReady(service.httpPort())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(service.name() + " was not ready within " + timeout);
                }
                Thread.sleep(100);
            }
        }
    }

    // ---- life cycle ------------------------------------------------------------------------

    /** Starts a service that is not running, e.g. a new instance after {@link #kill}. */
    public synchronized RunningService start(PipelineService service) {
        if (closed) {
            throw new IllegalStateException("the local stack is closed");
        }
        if (running.containsKey(service)) {
            throw new IllegalStateException(service.serviceName() + " is already running");
        }
        PipelineService.Prepared prepared = service.prepare(ConfigSource.of(settings(service)).withFallback(fallback));
        RunningService started = await(prepared.launcher().start().toCompletionStage().toCompletableFuture(),
                START_TIMEOUT, "start " + service.serviceName());
        running.put(service, new Instance(started, prepared));
        return started;
    }

    /** Stops a service gracefully (in-flight work finishes or is handed back). */
    public synchronized void stop(PipelineService service) {
        Instance instance = running.remove(service);
        if (instance != null) {
            await(instance.service().close().toCompletionStage().toCompletableFuture(), STOP_TIMEOUT,
                    "stop " + service.serviceName());
        }
    }

    /**
     * Stops a service the way a crash would, as far as one JVM can ({@link RunningService#closeAbruptly()}):
     * a stage worker commits nothing more and drops unsent output, a Streams app stops; neither
     * leaves its consumer group, which hands their partitions on only after the session expires.
     * For tests of redelivery and recovery.
     */
    public synchronized void kill(PipelineService service) {
        Instance instance = running.remove(service);
        if (instance == null) {
            throw new IllegalStateException(service.serviceName() + " is not running");
        }
        await(instance.service().closeAbruptly().toCompletionStage().toCompletableFuture(), STOP_TIMEOUT,
                "close the killed " + service.serviceName());
        LOG.warn("{} killed", service.serviceName());
    }

    /** Stops the services newest first, then the broker; deletes a temporary work directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        if (console != null) {
            try {
                await(console.close().toCompletionStage().toCompletableFuture(), STOP_TIMEOUT, "stop the console");
            } catch (RuntimeException e) {
                LOG.warn("stopping the console failed: {}", e.toString());
                failure = e;
            }
            console = null;
        }
        List<PipelineService> order = new ArrayList<>(running.keySet());
        Collections.reverse(order);
        for (PipelineService service : order) {
            try {
                stop(service);
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed: {}", service.serviceName(), e.toString());
                failure = failure == null ? e : failure;
            }
        }
        try {
            kafka.close();
        } finally {
            if (deleteOnClose) {
                FileUtils.deleteQuietly(workDir.toFile());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** The settings map of one service: the stack's own, then the caller's common ones, then the per-service ones. */
    Map<String, String> settings(PipelineService service) {
        boolean ingest = service == PipelineService.INGEST;
        return settings(service.serviceName(), ingest ? ingestPort : 0, ingest ? ingestHost : "127.0.0.1",
                perService.getOrDefault(service, Map.of()));
    }

    private Map<String, String> settings(String serviceName, int port, String host, Map<String, String> own) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ANIDOC_SERVICE_NAME", serviceName);
        values.put("ANIDOC_HTTP_PORT", Integer.toString(port));
        values.put("ANIDOC_HTTP_HOST", host);
        values.put("ANIDOC_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        // one broker: nothing to replicate to
        values.put("ANIDOC_TOPIC_REPLICATION_FACTOR", "1");
        values.put("ANIDOC_BLOB_ROOT", blobRoot().toString());
        values.put("ANIDOC_OUTPUT_ROOT", outputRoot().toString());
        // the assembler and the sink each keep their Streams state apart from any other run on this machine
        values.put("ANIDOC_KAFKA_STREAMS_STATE_DIR", workDir.resolve("streams").resolve(serviceName).toString());
        // a blank value counts as unset: no static membership unless asked for
        values.put("POD_NAME", "");
        values.putAll(common);
        values.putAll(own);
        return values;
    }

    /** Starts the console beside the pipeline, reading the same blob store and output folder. */
    private void startConsole() {
        Map<String, String> own = new LinkedHashMap<>();
        // the ingest tokens are the console's paint/operate tokens
        String ingestTokens = perService.getOrDefault(PipelineService.INGEST, Map.of()).get("ANIDOC_INGEST_TOKENS");
        if (ingestTokens != null) {
            own.put("ANIDOC_INGEST_TOKENS", ingestTokens);
        }
        own.put("ANIDOC_CONSOLE_INGEST_URL", ingestUri().toString());
        own.putAll(consoleSettings);
        ConfigSource source = ConfigSource.of(settings("console", consolePort, "127.0.0.1", own)).withFallback(fallback);
        RunningService started = await(ConsoleMain.configure(ServiceLauncher.create("console", source)).start()
                .toCompletionStage().toCompletableFuture(), START_TIMEOUT, "start the console");
        synchronized (this) {
            console = started;
        }
    }

    /**
     * Starts every service at once: they share nothing but the broker (topic provisioning
     * tolerates a race), and their start-ups overlap instead of queueing.
     */
    private void startAll() {
        Map<PipelineService, PipelineService.Prepared> prepared = new EnumMap<>(PipelineService.class);
        Map<PipelineService, CompletableFuture<RunningService>> starting =
                new EnumMap<>(PipelineService.class);
        for (PipelineService service : PipelineService.values()) {
            PipelineService.Prepared p = service.prepare(ConfigSource.of(settings(service)).withFallback(fallback));
            prepared.put(service, p);
            starting.put(service, p.launcher().start().toCompletionStage().toCompletableFuture());
        }
        RuntimeException failure = null;
        for (PipelineService service : PipelineService.values()) {
            try {
                RunningService started = await(starting.get(service), START_TIMEOUT, "start " + service.serviceName());
                synchronized (this) {
                    running.put(service, new Instance(started, prepared.get(service)));
                }
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("cannot " + what + ": " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not " + what + " within " + timeout.toSeconds() + " s", e);
        }
    }

    private record Instance(RunningService service, PipelineService.Prepared prepared) {
        Optional<StageWorker<?, ?>> worker() {
            return prepared.worker().get();
        }
    }

    /** How to start a local stack. */
    public static final class Builder {
        private final Path workDir;
        private final boolean deleteOnClose;
        private final Map<String, String> common = new LinkedHashMap<>();
        private final Map<PipelineService, Map<String, String>> perService = new EnumMap<>(PipelineService.class);
        private ConfigSource fallback = ConfigSource.env();
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private int ingestPort;
        private String ingestHost = "127.0.0.1";
        private Integer consolePort;
        private final Map<String, String> consoleSettings = new LinkedHashMap<>();

        /**
         * Also starts the console on this loopback port (0 picks a free one), with the ingest
         * tokens as its paint/operate tokens.
         */
        public Builder console(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.consolePort = port;
            return this;
        }

        /** A setting of the console only, e.g. {@code ANIDOC_CONSOLE_READ_TOKENS}. */
        public Builder consoleSetting(String name, String value) {
            consoleSettings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        private Builder(Path workDir, boolean deleteOnClose) {
            this.workDir = workDir.toAbsolutePath().normalize();
            this.deleteOnClose = deleteOnClose;
        }

        /** Port of the ingest API; 0 (default) picks a free one. */
        public Builder ingestPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.ingestPort = port;
            return this;
        }

        /** Interface the ingest API binds (default 127.0.0.1; 0.0.0.0 accepts other machines). */
        public Builder ingestHost(String host) {
            this.ingestHost = Objects.requireNonNull(host, "host");
            return this;
        }

        /** A setting for every service, e.g. {@code ANIDOC_STAGE_CONCURRENCY}. */
        public Builder setting(String name, String value) {
            common.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** A setting for one service, e.g. {@code POD_NAME} of the colorizer. */
        public Builder setting(PipelineService service, String name, String value) {
            perService.computeIfAbsent(service, s -> new LinkedHashMap<>())
                    .put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** A property of the embedded broker, e.g. a group coordinator setting, for a fresh work directory. */
        public Builder brokerProperty(String name, String value) {
            brokerProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** What fills in the settings the stack does not set (default: the environment). */
        public Builder fallback(ConfigSource source) {
            this.fallback = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Starts the broker, then every service in order; on a failure stops what started and throws. */
        public LocalStack start() {
            EmbeddedKafka kafka;
            try {
                Files.createDirectories(workDir);
                EmbeddedKafka.Builder broker = EmbeddedKafka.builder().dataDir(workDir.resolve("kafka"));
                brokerProperties.forEach(broker::property);
                kafka = broker.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the work directory " + workDir, e);
            } catch (RuntimeException e) {
                if (deleteOnClose) {
                    FileUtils.deleteQuietly(workDir.toFile());
                }
                throw e;
            }
            LocalStack stack = new LocalStack(this, kafka);
            try {
                stack.startAll();
                if (consolePort != null) {
                    stack.startConsole();
                }
            } catch (RuntimeException e) {
                try {
                    stack.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            return stack;
        }
    }
}
