package io.anidoc.runtime.kafka;

import io.anidoc.runtime.config.KafkaConfig;
import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.config.ServiceConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Builds the Kafka clients of one service with the pipeline's delivery guarantees.
 *
 * <p>Properties are layered, later layers winning: the runtime's defaults, then the overrides a
 * service passes in code, then the {@code ANIDOC_KAFKA_*} pass-through from the environment, and
 * last the guarantees nothing may weaken: producers are idempotent with {@code acks=all},
 * consumers never auto-commit (stages commit after their output is acknowledged), Streams apps run
 * {@code exactly_once_v2}.
 *
 * <p>When built with a meter registry, producers and consumers it creates export their Kafka
 * metrics (including consumer lag) to it until {@link #close()}.
 */
public final class KafkaClients implements AutoCloseable {

    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** The broker's default {@code group.min.session.timeout.ms}: the shortest session it grants. */
    public static final int SESSION_TIMEOUT_MS = 6_000;
    /**
     * Well under a third of the session, as Kafka advises, so one lost heartbeat does not end it; and
     * short because a member learns of a rebalance from its next heartbeat: a replica that joins a
     * busy group gets its partitions after two such rounds (one to take them from their owner, one to
     * hand them over), three seconds at Kafka's usual 1.5 s.
     */
    public static final int HEARTBEAT_INTERVAL_MS = 500;

    private final KafkaConfig kafka;
    private final ServiceConfig service;
    private final Optional<MeterRegistry> registry;
    private final AtomicInteger clientSequence = new AtomicInteger();
    private final List<KafkaClientMetrics> metricBinders = new ArrayList<>();
    private Admin sharedAdmin;
    private boolean closed;

    public KafkaClients(KafkaConfig kafka, ServiceConfig service, MeterRegistry registry) {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.service = Objects.requireNonNull(service, "service");
        this.registry = Optional.ofNullable(registry);
    }

    public KafkaClients(KafkaConfig kafka, ServiceConfig service) {
        this(kafka, service, null);
    }

    public static KafkaClients from(RuntimeConfig config, MeterRegistry registry) {
        return new KafkaClients(config.kafka(), config.service(), registry);
    }

    public KafkaConfig config() {
        return kafka;
    }

    public Topics topics() {
        return Topics.from(kafka);
    }

    /** The consumer group of this service: topic prefix plus service name, e.g. {@code anidoc.matcher}. */
    public String defaultGroupId() {
        return kafka.topicPrefix() + service.name();
    }

    // ---- properties ------------------------------------------------------------------------

    public Map<String, Object> producerProperties() {
        return producerProperties(Map.of());
    }

    public Map<String, Object> producerProperties(Map<String, ?> overrides) {
        Map<String, Object> props = base("producer");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putAll(overrides);
        props.putAll(kafka.common());
        props.putAll(kafka.producer());
        // guarantees: a record acknowledged to ingest is on every in-sync replica, retries never duplicate
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    /**
     * Consumer properties for the given group: a member that dies is noticed within
     * {@link #SESSION_TIMEOUT_MS} (the broker's default minimum) instead of Kafka's 45 s, so its
     * partitions move in seconds; {@code group.instance.id} only from {@code ANIDOC_GROUP_INSTANCE_ID}.
     */
    public Map<String, Object> consumerProperties(String groupId) {
        return consumerProperties(groupId, Map.of());
    }

    public Map<String, Object> consumerProperties(String groupId, Map<String, ?> overrides) {
        Map<String, Object> props = base("consumer");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // busy partitions stay with their owner; Kafka's own cooperative assignor for members that lack ours
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                BusyPartitionsAssignor.class.getName() + "," + CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
        service.groupInstanceId().ifPresent(id -> props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id));
        props.putAll(overrides);
        props.putAll(kafka.common());
        props.putAll(kafka.consumer());
        // guarantee: offsets are committed by the stage after its output is acknowledged, never on a timer
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the broker-side group protocol assigns partitions and times sessions itself and refuses client settings for both
        Object protocol = props.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        if (protocol != null && protocol.toString().toLowerCase(Locale.ROOT).equals("consumer")) {
            props.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
            props.remove(BusyPartitionsAssignor.BUSY_PARTITIONS);
            props.remove(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
            props.remove(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
        }
        return props;
    }

    public Map<String, Object> adminProperties() {
        Map<String, Object> props = base("admin");
        props.putAll(kafka.common());
        props.putAll(kafka.admin());
        return props;
    }

    /**
     * Kafka Streams properties: exactly-once v2, internal topics with the configured replication,
     * the short session of {@link #consumerProperties}, static membership only from
     * {@code ANIDOC_GROUP_INSTANCE_ID} (Streams adds a thread suffix per stream thread).
     */
    public Properties streamsProperties(String applicationId) {
        return streamsProperties(applicationId, Map.of());
    }

    public Properties streamsProperties(String applicationId, Map<String, ?> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, Objects.requireNonNull(applicationId, "applicationId"));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.CLIENT_ID_CONFIG, clientId("streams"));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) kafka.replicationFactor());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), HEARTBEAT_INTERVAL_MS);
        service.groupInstanceId().ifPresent(id ->
                props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
        props.putAll(overrides);
        props.putAll(kafka.common());
        props.putAll(kafka.streams());
        // guarantee: a shot is finished exactly once
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        Properties properties = new Properties();
        properties.putAll(props);
        return properties;
    }

    // ---- clients ---------------------------------------------------------------------------

    public <K, V> KafkaProducer<K, V> producer(Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        return producer(Map.of(), keySerializer, valueSerializer);
    }

    public <K, V> KafkaProducer<K, V> producer(Map<String, ?> overrides,
                                               Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        KafkaProducer<K, V> producer = new KafkaProducer<>(producerProperties(overrides), keySerializer, valueSerializer);
        bindMetrics(() -> new KafkaClientMetrics(producer, tags()));
        return producer;
    }

    public <K, V> KafkaConsumer<K, V> consumer(String groupId,
                                               Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        return consumer(groupId, Map.of(), keyDeserializer, valueDeserializer);
    }

    public <K, V> KafkaConsumer<K, V> consumer(String groupId, Map<String, ?> overrides,
                                               Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        KafkaConsumer<K, V> consumer =
                new KafkaConsumer<>(consumerProperties(groupId, overrides), keyDeserializer, valueDeserializer);
        bindMetrics(() -> new KafkaClientMetrics(consumer, tags()));
        return consumer;
    }

    /** A new admin client; the caller closes it. */
    public Admin newAdmin() {
        return Admin.create(adminProperties());
    }

    /** One admin client shared by this service (topic provisioning, readiness); closed by {@link #close()}. */
    public synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("Kafka clients of " + service.name() + " are closed");
        }
        if (sharedAdmin == null) {
            sharedAdmin = newAdmin();
        }
        return sharedAdmin;
    }

    /** Closes the shared admin client and stops exporting metrics; clients handed out are closed by their owners. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        metricBinders.forEach(KafkaClientMetrics::close);
        metricBinders.clear();
        if (sharedAdmin != null) {
            sharedAdmin.close(ADMIN_CLOSE_TIMEOUT);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private Map<String, Object> base(String kind) {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId(kind));
        if (kind.equals("admin")) {
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
        }
        return props;
    }

    /** Unique per client in the JVM, so several services can share one process. */
    private String clientId(String kind) {
        return service.instanceName() + "-" + kind + "-" + clientSequence.incrementAndGet();
    }

    private List<Tag> tags() {
        return List.of(Tag.of("service", service.name()));
    }

    private synchronized void bindMetrics(Supplier<KafkaClientMetrics> binderFactory) {
        if (registry.isEmpty() || closed) {
            return;
        }
        KafkaClientMetrics binder = binderFactory.get();
        binder.bindTo(registry.get());
        metricBinders.add(binder);
    }
}
