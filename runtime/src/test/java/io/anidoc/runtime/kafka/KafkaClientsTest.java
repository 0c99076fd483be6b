package io.anidoc.runtime.kafka;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.RuntimeConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClientsTest {

    private static KafkaClients clients(String... env) {
        return new KafkaClients(RuntimeConfig.from(ConfigSource.of(env), "matcher").kafka(),
                RuntimeConfig.from(ConfigSource.of(env), "matcher").service());
    }

    @Test
    void producerIsIdempotentWithAcksAllEvenWhenTheEnvironmentSaysOtherwise() {
        Map<String, Object> props = clients(
                "ANIDOC_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "ANIDOC_KAFKA_ACKS", "1",
                "ANIDOC_KAFKA_PRODUCER_ENABLE_IDEMPOTENCE", "false",
                "ANIDOC_KAFKA_PRODUCER_LINGER_MS", "20")
                .producerProperties(Map.of("batch.size", 1024));
        assertThat(props)
                .containsEntry("bootstrap.servers", "kafka:9092")
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("linger.ms", "20")
                .containsEntry("batch.size", 1024)
                .containsEntry("compression.type", "lz4");
        assertThat((String) props.get("client.id")).startsWith("matcher-producer-");
    }

    @Test
    void consumerNeverAutoCommitsAndAssignsCooperativelyKeepingBusyPartitions() {
        Map<String, Object> props = clients(
                "ANIDOC_KAFKA_ENABLE_AUTO_COMMIT", "true",
                "ANIDOC_KAFKA_CONSUMER_MAX_POLL_RECORDS", "4")
                .consumerProperties("anidoc.matcher");
        assertThat(props)
                .containsEntry("group.id", "anidoc.matcher")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("partition.assignment.strategy",
                        BusyPartitionsAssignor.class.getName() + "," + CooperativeStickyAssignor.class.getName())
                .containsEntry("max.poll.records", "4")
                .doesNotContainKey("group.instance.id");
    }

    @Test
    void onlyAnExplicitGroupInstanceIdGivesStaticMembership() {
        KafkaClients dynamic = clients("POD_NAME", "matcher-7f9c-x2");
        assertThat(dynamic.consumerProperties("g")).doesNotContainKey("group.instance.id");
        assertThat((String) dynamic.consumerProperties("g").get("client.id")).startsWith("matcher-7f9c-x2-consumer-");
        assertThat(dynamic.streamsProperties("anidoc.sink")).doesNotContainKey("main.consumer.group.instance.id");

        KafkaClients fixed = clients("POD_NAME", "matcher-2", "ANIDOC_GROUP_INSTANCE_ID", "matcher-2");
        assertThat(fixed.consumerProperties("g")).containsEntry("group.instance.id", "matcher-2");
        assertThat(fixed.streamsProperties("anidoc.sink"))
                .containsEntry("main.consumer.group.instance.id", "matcher-2");
    }

    @Test
    void aDeadMemberIsNoticedInSecondsNotTheDefault45() {
        KafkaClients clients = clients();
        assertThat(clients.consumerProperties("g"))
                .containsEntry("session.timeout.ms", 6_000)
                .containsEntry("heartbeat.interval.ms", 500);
        assertThat(clients.streamsProperties("anidoc.sink"))
                .containsEntry("main.consumer.session.timeout.ms", 6_000)
                .containsEntry("main.consumer.heartbeat.interval.ms", 500);
        assertThat(clients("ANIDOC_KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "10000").consumerProperties("g"))
                .containsEntry("session.timeout.ms", "10000");
    }

    @Test
    void clientIdsAreUniqueWithinTheProcess() {
        KafkaClients clients = clients();
        assertThat(clients.consumerProperties("g").get("client.id"))
                .isNotEqualTo(clients.consumerProperties("g").get("client.id"));
    }

    @Test
    void brokerSideGroupProtocolDropsTheClientAssignor() {
        Map<String, Object> props = clients("ANIDOC_KAFKA_CONSUMER_GROUP_PROTOCOL", "consumer").consumerProperties("g");
        assertThat(props).containsEntry("group.protocol", "consumer").doesNotContainKey("partition.assignment.strategy")
                .doesNotContainKey("session.timeout.ms").doesNotContainKey("heartbeat.interval.ms");
    }

    @Test
    void streamsRunExactlyOnceV2() {
        Properties props = clients(
                "ANIDOC_TOPIC_REPLICATION_FACTOR", "3",
                "ANIDOC_KAFKA_STREAMS_PROCESSING_GUARANTEE", "at_least_once",
                "ANIDOC_KAFKA_STREAMS_STATE_DIR", "/var/lib/streams",
                "ANIDOC_KAFKA_SECURITY_PROTOCOL", "SSL")
                .streamsProperties("anidoc.assembler");
        assertThat(props)
                .containsEntry("application.id", "anidoc.assembler")
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("replication.factor", 3)
                .containsEntry("state.dir", "/var/lib/streams")
                .containsEntry("security.protocol", "SSL");
    }

    @Test
    void commonPassThroughReachesEveryClient() {
        KafkaClients clients = clients("ANIDOC_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "ANIDOC_KAFKA_ADMIN_REQUEST_TIMEOUT_MS", "9000");
        assertThat(clients.producerProperties()).containsEntry("sasl.mechanism", "SCRAM-SHA-512").doesNotContainKey("request.timeout.ms");
        assertThat(clients.consumerProperties("g")).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(clients.adminProperties()).containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("request.timeout.ms", "9000");
    }

    @Test
    void defaultGroupIsPrefixPlusServiceName() {
        assertThat(clients().defaultGroupId()).isEqualTo("anidoc.matcher");
        assertThat(clients("ANIDOC_TOPIC_PREFIX", "studio-b.", "ANIDOC_SERVICE_NAME", "colorizer-gpu").defaultGroupId())
                .isEqualTo("studio-b.colorizer-gpu");
    }
}
