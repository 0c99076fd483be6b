package io.anidoc.runtime.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where the Kafka cluster is and how the pipeline's topics are named and created.
 *
 * <p>Any other Kafka client property passes through from the environment, the way the Strimzi
 * bridge does it: {@code ANIDOC_KAFKA_<PROPERTY>} goes to every client (producer, consumer,
 * admin, Streams), {@code ANIDOC_KAFKA_PRODUCER_<PROPERTY>}, {@code ANIDOC_KAFKA_CONSUMER_<PROPERTY>},
 * {@code ANIDOC_KAFKA_ADMIN_<PROPERTY>} and {@code ANIDOC_KAFKA_STREAMS_<PROPERTY>} to one kind.
 * The property name is the rest of the variable in lower case with {@code _} read as {@code .}:
 * {@code ANIDOC_KAFKA_SASL_JAAS_CONFIG} becomes {@code sasl.jaas.config}.
 *
 * @param bootstrapServers  {@code host:port} list of brokers
 * @param topicPrefix       prepended to every logical topic name
 * @param partitions        partitions of topics created at start-up
 * @param replicationFactor replication factor of topics created at start-up
 * @param provisionTopics   create missing topics at start-up
 * @param common            pass-through properties for every client
 * @param producer          pass-through properties for producers only
 * @param consumer          pass-through properties for consumers only
 * @param admin             pass-through properties for admin clients only
 * @param streams           pass-through properties for Kafka Streams only
 */
public record KafkaConfig(
        String bootstrapServers,
        String topicPrefix,
        int partitions,
        short replicationFactor,
        boolean provisionTopics,
        Map<String, String> common,
        Map<String, String> producer,
        Map<String, String> consumer,
        Map<String, String> admin,
        Map<String, String> streams) {

    public static final String PASS_THROUGH_PREFIX = "ANIDOC_KAFKA_";

    public static final Setting BOOTSTRAP_SERVERS = Setting.of("ANIDOC_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092",
            "Comma-separated host:port list of Kafka brokers.");
    public static final Setting TOPIC_PREFIX = Setting.of("ANIDOC_TOPIC_PREFIX", "anidoc.",
            "Prefix of every topic name: frames is read from <prefix>frames.");
    public static final Setting TOPIC_PARTITIONS = Setting.of("ANIDOC_TOPIC_PARTITIONS", "6",
            "Partitions of topics created at start-up; bounds the replicas of each stage.");
    public static final Setting TOPIC_REPLICATION_FACTOR = Setting.of("ANIDOC_TOPIC_REPLICATION_FACTOR", "1",
            "Replication factor of topics created at start-up (3 on a production cluster).");
    public static final Setting TOPIC_PROVISION = Setting.of("ANIDOC_TOPIC_PROVISION", "true",
            "Create missing topics at start-up; existing topics are left as they are. "
                    + "Turn off where topics are managed elsewhere (e.g. Strimzi KafkaTopic resources).");

    public static final List<Setting> SETTINGS =
            List.of(BOOTSTRAP_SERVERS, TOPIC_PREFIX, TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR, TOPIC_PROVISION);

    private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]*");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|JAAS|SECRET|TOKEN|CREDENTIAL|(^|_)KEY($|_)).*");
    private static final List<String> SCOPES = List.of("PRODUCER_", "CONSUMER_", "ADMIN_", "STREAMS_");

    public KafkaConfig {
        common = Map.copyOf(common);
        producer = Map.copyOf(producer);
        consumer = Map.copyOf(consumer);
        admin = Map.copyOf(admin);
        streams = Map.copyOf(streams);
    }

    public static KafkaConfig from(ConfigSource source) {
        String prefix = source.string(TOPIC_PREFIX);
        if (!LEGAL_PREFIX.matcher(prefix).matches()) {
            throw new ConfigException(TOPIC_PREFIX.name() + "=" + prefix
                    + ": a topic prefix may only contain letters, digits, '.', '_' and '-'");
        }
        Map<String, String> passThrough = source.withPrefix(PASS_THROUGH_PREFIX);
        Map<String, String> common = new TreeMap<>();
        passThrough.forEach((rest, value) -> {
            if (SCOPES.stream().noneMatch(rest::startsWith)) {
                common.put(propertyName(rest), value);
            }
        });
        return new KafkaConfig(
                source.string(BOOTSTRAP_SERVERS),
                prefix,
                source.integer(TOPIC_PARTITIONS, 1, 100_000),
                (short) source.integer(TOPIC_REPLICATION_FACTOR, 1, Short.MAX_VALUE),
                source.bool(TOPIC_PROVISION),
                common,
                scoped(passThrough, "PRODUCER_"),
                scoped(passThrough, "CONSUMER_"),
                scoped(passThrough, "ADMIN_"),
                scoped(passThrough, "STREAMS_"));
    }

    /** {@code SASL_JAAS_CONFIG} to {@code sasl.jaas.config}. */
    static String propertyName(String variableRest) {
        return variableRest.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Whether a pass-through property holds a credential and must not be printed. */
    public static boolean isSecretProperty(String propertyName) {
        return SECRET_NAME.matcher(propertyName.toUpperCase(Locale.ROOT).replace('.', '_')).matches();
    }

    /** Pass-through properties with secrets redacted, keyed by their variable name. */
    public Map<String, String> describePassThrough() {
        Map<String, String> described = new LinkedHashMap<>();
        describeInto(described, "", common);
        describeInto(described, "PRODUCER_", producer);
        describeInto(described, "CONSUMER_", consumer);
        describeInto(described, "ADMIN_", admin);
        describeInto(described, "STREAMS_", streams);
        return described;
    }

    private static void describeInto(Map<String, String> out, String scope, Map<String, String> properties) {
        new TreeMap<>(properties).forEach((property, value) -> out.put(
                PASS_THROUGH_PREFIX + scope + property.toUpperCase(Locale.ROOT).replace('.', '_'),
                isSecretProperty(property) ? ConfigSource.REDACTED : value));
    }

    private static Map<String, String> scoped(Map<String, String> passThrough, String scope) {
        Map<String, String> result = new TreeMap<>();
        passThrough.forEach((rest, value) -> {
            if (rest.startsWith(scope) && rest.length() > scope.length()) {
                result.put(propertyName(rest.substring(scope.length())), value);
            }
        });
        return result;
    }

    @Override
    public String toString() {
        return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix
                + ", partitions=" + partitions + ", replicationFactor=" + replicationFactor
                + ", provisionTopics=" + provisionTopics + ", passThrough=" + describePassThrough() + "]";
    }
}
