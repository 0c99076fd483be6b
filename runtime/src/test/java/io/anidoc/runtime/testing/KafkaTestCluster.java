package io.anidoc.runtime.testing;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.embedded.kafka.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Kafka broker for integration tests: a Testcontainers Kafka container where Docker is
 * available, the in-JVM {@link EmbeddedKafka} elsewhere. One broker serves the whole test run
 * (it starts with the first test class that needs it and stops at the end); tests stay apart by
 * using their own topic prefix ({@link #configSource(String...)} gives each call a fresh one).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaTestCluster KAFKA = new KafkaTestCluster();
 *
 * @Test
 * void roundTrip() {
 *     ConfigSource config = KAFKA.configSource("ANIDOC_SERVICE_NAME", "matcher");
 *     ...
 * }
 * }</pre>
 *
 * <p>System property {@code anidoc.test.kafka}: {@code auto} (default), {@code embedded} or
 * {@code container}; {@code anidoc.test.kafka.image} picks the container image.
 */
public final class KafkaTestCluster implements BeforeAllCallback {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTestCluster.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaTestCluster.class);
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private volatile Broker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Broker.class, type -> Broker.start(), Broker.class);
    }

    /** {@code host:port} of the broker. */
    public String bootstrapServers() {
        return broker().bootstrapServers;
    }

    /** Whether the broker runs in a container (else inside this JVM). */
    public boolean inContainer() {
        return broker().container != null;
    }

    /** A topic prefix no other test uses, e.g. {@code t7-1a2b3c.}. */
    public String uniquePrefix() {
        return "t" + PREFIXES.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6) + ".";
    }

    /**
     * Settings for a service under test: this broker, a fresh topic prefix, 2 partitions, HTTP on
     * a free loopback port; then the given name/value pairs, which win.
     */
    public ConfigSource configSource(String... namesAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ANIDOC_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        values.put("ANIDOC_TOPIC_PREFIX", uniquePrefix());
        values.put("ANIDOC_TOPIC_PARTITIONS", "2");
        values.put("ANIDOC_HTTP_HOST", "127.0.0.1");
        values.put("ANIDOC_HTTP_PORT", "0");
        values.put("ANIDOC_SHUTDOWN_TIMEOUT", "20s");
        values.putAll(ConfigSource.of(namesAndValues).withPrefix(""));
        return ConfigSource.of(values);
    }

    /** A new admin client on this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /**
     * Reads {@code count} records of a topic from the beginning (all partitions, no group), or
     * fails after the timeout saying how many arrived.
     */
    public <K, V> List<ConsumerRecord<K, V>> consume(String topic, int count, Duration timeout,
                                                     Deserializer<K> keys, Deserializer<V> values) {
        return consume(List.of(topic), count, timeout, keys, values);
    }

    /** {@link #consume(String, int, Duration, Deserializer, Deserializer)} over several topics at once. */
    public <K, V> List<ConsumerRecord<K, V>> consume(Collection<String> topics, int count, Duration timeout,
                                                     Deserializer<K> keys, Deserializer<V> values) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<TopicPartition> ofTopic = List.of();
                while (ofTopic.isEmpty() && System.nanoTime() < deadline) {
                    ofTopic = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                partitions.addAll(ofTopic);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        if (records.size() < count) {
            throw new AssertionError("expected " + count + " records on " + topics + " within " + timeout
                    + ", got " + records.size());
        }
        return records;
    }

    private Broker broker() {
        Broker current = broker;
        if (current == null) {
            throw new IllegalStateException("KafkaTestCluster is not started: register it with "
                    + "@RegisterExtension on a static field");
        }
        return current;
    }

    /** The shared broker; JUnit closes it when the run ends. */
    static final class Broker implements AutoCloseable {
        final String bootstrapServers;
        final EmbeddedKafka embedded;
        final AutoCloseable container;

        private Broker(String bootstrapServers, EmbeddedKafka embedded, AutoCloseable container) {
            this.bootstrapServers = bootstrapServers;
            this.embedded = embedded;
            this.container = container;
        }

        static Broker start() {
            String mode = System.getProperty("anidoc.test.kafka", "auto").toLowerCase(Locale.ROOT);
            boolean useContainer = switch (mode) {
                case "embedded" -> false;
                case "container" -> true;
                case "auto" -> ContainerSupport.dockerAvailable();
                default -> throw new IllegalArgumentException("anidoc.test.kafka=" + mode
                        + ": must be auto, embedded or container");
            };
            if (useContainer) {
                ContainerSupport.RunningContainer container = ContainerSupport.startKafka();
                LOG.info("test Kafka in a container at {}", container.bootstrapServers());
                return new Broker(container.bootstrapServers(), null, container);
            }
            EmbeddedKafka embedded = EmbeddedKafka.start();
            LOG.info("test Kafka in this JVM at {}", embedded.bootstrapServers());
            return new Broker(embedded.bootstrapServers(), embedded, null);
        }

        @Override
        public void close() throws Exception {
            if (embedded != null) {
                embedded.close();
            }
            if (container != null) {
                container.close();
            }
        }
    }
}
