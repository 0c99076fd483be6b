package io.anidoc.embedded.kafka;

import org.apache.commons.io.FileUtils;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka cluster (KRaft, broker and controller in one) inside this JVM: the local
 * default of the command line, so the pipeline runs on a laptop with nothing installed.
 *
 * <p>With a temporary directory ({@link #start()}) everything is deleted on {@link #close()}.
 * With a given directory ({@link Builder#dataDir(Path)}) the data survives restarts: the first
 * start formats it and records the ports, later starts reuse them.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final String SERVER_PROPERTIES = "server.properties";
    private static final String HOST = "localhost";

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafka(Path dataDir, boolean deleteOnClose, KafkaRaftServer server, String bootstrapServers) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker in a fresh temporary directory on free ports. */
    public static EmbeddedKafka start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code localhost:<port>} of the broker's client listener. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker; a temporary data directory is deleted. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (deleteOnClose) {
                FileUtils.deleteQuietly(dataDir.toFile());
            }
        }
        LOG.info("embedded Kafka at {} stopped", bootstrapServers);
    }

    /** How to start an embedded broker. */
    public static final class Builder {
        private Path dataDir;
        private int brokerPort;
        private int controllerPort;
        private boolean autoCreateTopics = true;
        private Duration startTimeout = Duration.ofSeconds(60);
        private final Properties extra = new Properties();

        private Builder() {
        }

        /** Keep data in this directory across restarts instead of a temporary one. */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Client port; 0 (default) picks a free one. Ignored when the data directory recorded one. */
        public Builder brokerPort(int port) {
            this.brokerPort = port;
            return this;
        }

        /** Controller port; 0 (default) picks a free one. Ignored when the data directory recorded one. */
        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        /** Whether producing to an unknown topic creates it (default true, like Kafka). */
        public Builder autoCreateTopics(boolean enabled) {
            this.autoCreateTopics = enabled;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Any other broker property, e.g. {@code log.retention.hours}. */
        public Builder property(String name, String value) {
            extra.setProperty(name, value);
            return this;
        }

        public EmbeddedKafka start() {
            boolean temporary = dataDir == null;
            Path dir;
            try {
                dir = temporary ? Files.createTempDirectory("anidoc-kafka-") : Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create Kafka data directory " + dataDir, e);
            }
            try {
                Properties props = serverProperties(dir);
                Path logDir = Path.of(props.getProperty("log.dirs"));
                if (!Files.exists(logDir.resolve("meta.properties"))) {
                    format(dir.resolve(SERVER_PROPERTIES));
                }
                KafkaRaftServer server = new KafkaRaftServer(kafka.server.KafkaConfig.fromProps(props, false), Time.SYSTEM);
                server.startup();
                String bootstrap = props.getProperty("advertised.listeners").split(",")[0].substring("PLAINTEXT://".length());
                EmbeddedKafka kafka = new EmbeddedKafka(dir, temporary, server, bootstrap);
                try {
                    awaitBroker(bootstrap, startTimeout);
                } catch (RuntimeException e) {
                    kafka.close();
                    throw e;
                }
                LOG.info("embedded Kafka ready at {} (data in {})", bootstrap, dir);
                return kafka;
            } catch (RuntimeException e) {
                if (temporary) {
                    FileUtils.deleteQuietly(dir.toFile());
                }
                throw e;
            }
        }

        /** Reuses the properties a previous start recorded in the directory, else writes new ones. */
        private Properties serverProperties(Path dir) {
            Path file = dir.resolve(SERVER_PROPERTIES);
            Properties props = new Properties();
            try {
                if (Files.exists(file)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        props.load(in);
                    }
                    props.putAll(extra);
                    return props;
                }
                int broker = brokerPort != 0 ? brokerPort : freePort();
                int controller = controllerPort;
                // two free ports asked for one after the other can be the same one: the broker then refuses its listeners
                while (controller == 0 || controller == broker) {
                    controller = freePort();
                }
                props.putAll(Map.ofEntries(
                        Map.entry("process.roles", "broker,controller"),
                        Map.entry("node.id", "1"),
                        Map.entry("controller.quorum.bootstrap.servers", HOST + ":" + controller),
                        Map.entry("listeners", "PLAINTEXT://" + HOST + ":" + broker + ",CONTROLLER://" + HOST + ":" + controller),
                        Map.entry("advertised.listeners", "PLAINTEXT://" + HOST + ":" + broker + ",CONTROLLER://" + HOST + ":" + controller),
                        Map.entry("controller.listener.names", "CONTROLLER"),
                        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                        Map.entry("log.dirs", dir.resolve("logs").toAbsolutePath().toString()),
                        Map.entry("num.partitions", "1"),
                        Map.entry("auto.create.topics.enable", Boolean.toString(autoCreateTopics)),
                        Map.entry("offsets.topic.replication.factor", "1"),
                        Map.entry("offsets.topic.num.partitions", "5"),
                        Map.entry("transaction.state.log.replication.factor", "1"),
                        Map.entry("transaction.state.log.min.isr", "1"),
                        Map.entry("transaction.state.log.num.partitions", "5"),
                        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                        Map.entry("share.coordinator.state.topic.min.isr", "1"),
                        // one node: no reason to wait for more members before the first assignment
                        Map.entry("group.initial.rebalance.delay.ms", "0")));
                props.putAll(extra);
                try (OutputStream out = Files.newOutputStream(file)) {
                    props.store(out, "embedded Kafka broker");
                }
                return props;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read or write " + file, e);
            }
        }
    }

    private static void format(Path propertiesFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int rc;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {
                    "format", "--config", propertiesFile.toString(),
                    "--cluster-id", Uuid.randomUuid().toString(), "--standalone"}, print);
        } catch (Exception e) {
            throw new IllegalStateException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8), e);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage failed (exit " + rc + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static void awaitBroker(String bootstrap, Duration timeout) {
        Map<String, Object> props = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(props)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                try {
                    if (!admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("embedded Kafka at " + bootstrap + " did not start within " + timeout, e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("embedded Kafka at " + bootstrap + " has no broker after " + timeout);
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for embedded Kafka", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

}
