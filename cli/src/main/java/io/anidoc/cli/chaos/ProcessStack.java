package io.anidoc.cli.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.anidoc.cli.local.ChildProcess;
import io.anidoc.cli.local.PipelineService;
import io.anidoc.cli.local.ReadyProbe;
import io.anidoc.runtime.config.ConfigSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The pipeline as separate processes on this machine: {@code anidoc broker} and one
 * {@code anidoc service NAME} per service, each with its own HTTP port, sharing the blob store and
 * the output root under the work folder. Work folder: {@code kafka/}, {@code blobs/}, {@code out/},
 * {@code streams/<service>/}, {@code logs/<process>.log}.
 */
final class ProcessStack implements AutoCloseable {

    static final String BROKER = "broker";

    private final Path workDir;
    private final String bootstrap;
    private final ChildProcess broker;
    private final Map<PipelineService, ChildProcess> services = new EnumMap<>(PipelineService.class);
    private final Map<PipelineService, Integer> ports = new EnumMap<>(PipelineService.class);
    /** Ctrl-C on the run must not leave the processes behind. */
    private final Thread killOnExit = new Thread(this::killAll, "chaos-kill-on-exit");

    ProcessStack(Path workDir, List<String> jvmOptions, Map<String, String> settings) {
        this.workDir = workDir.toAbsolutePath().normalize();
        int brokerPort = ChildProcess.freeLoopbackPort();
        this.bootstrap = "localhost:" + brokerPort;
        this.broker = new ChildProcess(BROKER, List.of("broker", "--data-dir", this.workDir.resolve("kafka").toString(),
                "--port", Integer.toString(brokerPort)), Map.of(), jvmOptions, this.workDir);
        Runtime.getRuntime().addShutdownHook(killOnExit);
        for (PipelineService service : PipelineService.values()) {
            int port = ChildProcess.freeLoopbackPort();
            ports.put(service, port);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("ANIDOC_SERVICE_NAME", service.serviceName());
            env.put("ANIDOC_HTTP_PORT", Integer.toString(port));
            env.put("ANIDOC_HTTP_HOST", "127.0.0.1");
            env.put("ANIDOC_KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            env.put("ANIDOC_TOPIC_REPLICATION_FACTOR", "1");
            env.put("ANIDOC_BLOB_ROOT", this.workDir.resolve("blobs").toString());
            env.put("ANIDOC_OUTPUT_ROOT", outputRoot().toString());
            env.put("ANIDOC_KAFKA_STREAMS_STATE_DIR", this.workDir.resolve("streams").resolve(service.serviceName()).toString());
            env.put("POD_NAME", "");
            env.putAll(settings);
            services.put(service, new ChildProcess(service.serviceName(), List.of("service", service.serviceName()), env,
                    jvmOptions, this.workDir));
        }
    }

    String bootstrapServers() {
        return bootstrap;
    }

    URI ingestUri() {
        return URI.create("http://127.0.0.1:" + ports.get(PipelineService.INGEST));
    }

    /** Where every process's output is appended ({@code <process>.log}). */
    Path logDir() {
        return workDir.resolve("logs");
    }

    Path outputRoot() {
        return workDir.resolve("out");
    }

    /** Kafka settings of a client of this stack. */
    ConfigSource clientSettings() {
        return ConfigSource.of(Map.of("ANIDOC_KAFKA_BOOTSTRAP_SERVERS", bootstrap, "POD_NAME", ""))
                .withFallback(ConfigSource.env());
    }

    /** Starts the broker, then every service at once; returns when all are ready. */
    void startAll(Duration timeout) {
        broker.start();
        awaitBroker(timeout);
        services.values().forEach(ChildProcess::start);
        for (PipelineService service : PipelineService.values()) {
            awaitReady(service, timeout);
        }
    }

    ChildProcess process(String name) {
        return name.equals(BROKER) ? broker : services.get(PipelineService.byName(name).orElseThrow());
    }

    /** Names of every process: the broker and the services. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(BROKER);
        services.keySet().forEach(s -> names.add(s.serviceName()));
        return names;
    }

    /** Waits until the process answers as working: the broker has a node, a service's /health/ready is 200. */
    void awaitReady(String name, Duration timeout) {
        if (name.equals(BROKER)) {
            awaitBroker(timeout);
        } else {
            awaitReady(PipelineService.byName(name).orElseThrow(), timeout);
        }
    }

    private void awaitReady(PipelineService service, Duration timeout) {
        int port = ports.get(service);
        poll(timeout, services.get(service), "ready", () -> ReadyProbe.isReady(port));
    }

    private void awaitBroker(Duration timeout) {
        Map<String, Object> props = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        try (Admin admin = Admin.create(props)) {
            poll(timeout, broker, "a node at " + bootstrap, () -> {
                try {
                    return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    private interface Check {
        boolean ok() throws InterruptedException;
    }

    /**
     * Polls until the check holds; a process that has exited, or that never gets there, fails at
     * once with the end of its log, since a temporary work folder takes the log with it.
     */
    private static void poll(Duration timeout, ChildProcess process, String what, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!check.ok()) {
                Optional<String> exited = process.exitedBefore(what);
                if (exited.isPresent()) {
                    throw new IllegalStateException(exited.get());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("waited " + timeout.toSeconds() + " s for " + process.name() + " "
                            + what + "; " + process.logEnd());
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + process.name() + " " + what, e);
        }
    }

    /** Stops the services newest first (SIGTERM), then the broker. */
    @Override
    public void close() {
        List<ChildProcess> order = new ArrayList<>(services.values());
        Collections.reverse(order);
        order.forEach(ChildProcess::stop);
        broker.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs
        }
    }

    private void killAll() {
        services.values().forEach(ChildProcess::kill);
        broker.kill();
    }

}
