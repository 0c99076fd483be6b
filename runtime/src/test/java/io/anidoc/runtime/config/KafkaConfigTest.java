package io.anidoc.runtime.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConfigTest {

    @Test
    void passThroughTheStrimziWay() {
        KafkaConfig config = KafkaConfig.from(ConfigSource.of(
                "ANIDOC_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "ANIDOC_KAFKA_SASL_JAAS_CONFIG", "jaas",
                "ANIDOC_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "ANIDOC_KAFKA_PRODUCER_LINGER_MS", "20",
                "ANIDOC_KAFKA_CONSUMER_MAX_POLL_RECORDS", "4",
                "ANIDOC_KAFKA_ADMIN_REQUEST_TIMEOUT_MS", "9000",
                "ANIDOC_KAFKA_STREAMS_NUM_STREAM_THREADS", "2",
                "ANIDOC_TOPIC_PREFIX", "studio-a."));
        assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.topicPrefix()).isEqualTo("studio-a.");
        assertThat(config.common())
                .containsEntry("sasl.jaas.config", "jaas")
                .containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKeys("producer.linger.ms", "linger.ms", "max.poll.records");
        assertThat(config.producer()).containsExactlyEntriesOf(java.util.Map.of("linger.ms", "20"));
        assertThat(config.consumer()).containsExactlyEntriesOf(java.util.Map.of("max.poll.records", "4"));
        assertThat(config.admin()).containsExactlyEntriesOf(java.util.Map.of("request.timeout.ms", "9000"));
        assertThat(config.streams()).containsExactlyEntriesOf(java.util.Map.of("num.stream.threads", "2"));
        assertThat(config.toString()).doesNotContain("jaas\"").contains("ANIDOC_KAFKA_SASL_JAAS_CONFIG=****");
    }

    @Test
    void secretPropertyNames() {
        assertThat(KafkaConfig.isSecretProperty("sasl.jaas.config")).isTrue();
        assertThat(KafkaConfig.isSecretProperty("ssl.key.password")).isTrue();
        assertThat(KafkaConfig.isSecretProperty("ssl.keystore.key")).isTrue();
        assertThat(KafkaConfig.isSecretProperty("sasl.oauthbearer.client.credentials.client.secret")).isTrue();
        assertThat(KafkaConfig.isSecretProperty("security.protocol")).isFalse();
        assertThat(KafkaConfig.isSecretProperty("ssl.keystore.type")).isFalse();
        assertThat(KafkaConfig.isSecretProperty("max.poll.records")).isFalse();
    }
}
