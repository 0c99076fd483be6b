package io.anidoc.runtime.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeConfigTest {

    @Test
    void defaultsWhenNothingIsSet() {
        RuntimeConfig config = RuntimeConfig.from(ConfigSource.of(), "matcher");
        assertThat(config.service().name()).isEqualTo("matcher");
        assertThat(config.service().podName()).isEmpty();
        assertThat(config.service().workerPoolSize()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.service().shutdownTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.service().logFormat()).isEqualTo(ServiceConfig.LogFormat.JSON);
        assertThat(config.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.kafka().topicPrefix()).isEqualTo("anidoc.");
        assertThat(config.kafka().partitions()).isEqualTo(6);
        assertThat(config.kafka().replicationFactor()).isEqualTo((short) 1);
        assertThat(config.kafka().provisionTopics()).isTrue();
        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.blob().root()).isEqualTo(Path.of("anidoc-data/blobs"));
    }

    @Test
    void badValueFailsNamingTheVariable() {
        assertThatThrownBy(() -> RuntimeConfig.from(ConfigSource.of("ANIDOC_TOPIC_PARTITIONS", "abc"), "matcher"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ANIDOC_TOPIC_PARTITIONS=abc: not an integer");
        assertThatThrownBy(() -> RuntimeConfig.from(ConfigSource.of("ANIDOC_HTTP_PORT", "70000"), "matcher"))
                .hasMessage("ANIDOC_HTTP_PORT=70000: must be between 0 and 65535");
        assertThatThrownBy(() -> RuntimeConfig.from(ConfigSource.of("ANIDOC_SHUTDOWN_TIMEOUT", "soon"), "matcher"))
                .hasMessageStartingWith("ANIDOC_SHUTDOWN_TIMEOUT=soon: not a duration");
        assertThatThrownBy(() -> RuntimeConfig.from(ConfigSource.of("ANIDOC_TOPIC_PREFIX", "a/b"), "matcher"))
                .hasMessageStartingWith("ANIDOC_TOPIC_PREFIX=a/b:");
        assertThatThrownBy(() -> RuntimeConfig.from(ConfigSource.of("ANIDOC_LOG_FORMAT", "TEXT"), "matcher"))
                .hasMessage("ANIDOC_LOG_FORMAT=TEXT: must be json or text (lower case)");
        assertThatThrownBy(() -> RuntimeConfig.from(ConfigSource.of("ANIDOC_LOG_LEVEL", "verbose"), "matcher"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ANIDOC_LOG_LEVEL=verbose: must be one of error, warn, info, debug, trace");
        assertThat(RuntimeConfig.from(ConfigSource.of("ANIDOC_LOG_LEVEL", "DEBUG"), "matcher").service().name())
                .as("log4j reads levels in any case").isEqualTo("matcher");
        assertThatThrownBy(() -> RuntimeConfig.from(ConfigSource.of("ANIDOC_SERVICE_NAME", "my service"), "matcher"))
                .hasMessageStartingWith("ANIDOC_SERVICE_NAME=my service:");
    }

    @Test
    void describeRedactsSecretPassThroughAndIncludesServiceSettings() {
        Setting engine = Setting.of("ANIDOC_MATCHER_ENGINE", "cpu", "engine");
        Setting token = Setting.secret("ANIDOC_TRITON_TOKEN", "token");
        RuntimeConfig config = RuntimeConfig.from(ConfigSource.of(
                "ANIDOC_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"s3cret\";",
                "ANIDOC_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "ANIDOC_TRITON_TOKEN", "abc123",
                "POD_NAME", "matcher-0"), "matcher");
        String line = config.describeLine(List.of(engine, token));
        assertThat(line)
                .contains("ANIDOC_SERVICE_NAME=matcher", "POD_NAME=matcher-0", "ANIDOC_MATCHER_ENGINE=cpu",
                        "ANIDOC_TRITON_TOKEN=****", "ANIDOC_KAFKA_SASL_JAAS_CONFIG=****",
                        "ANIDOC_KAFKA_SECURITY_PROTOCOL=SASL_SSL", "ANIDOC_TOPIC_PARTITIONS=6")
                .doesNotContain("s3cret", "abc123");
    }

    @Test
    void everyRuntimeSettingIsDocumentedWithItsDefault() throws Exception {
        Path docs = Path.of("..", "docs", "configuration.md");
        String text = Files.readString(docs);
        for (Setting setting : RuntimeConfig.settings("<service>")) {
            assertThat(text).as("docs/configuration.md documents %s", setting.name()).contains("`" + setting.name() + "`");
            if (setting.hasDefault() && !setting.name().equals(ServiceConfig.SERVICE_NAME_VARIABLE)) {
                assertThat(text).as("docs/configuration.md gives the default of %s", setting.name())
                        .containsPattern("`" + setting.name() + "`\\s*\\|\\s*`" + java.util.regex.Pattern.quote(setting.defaultValue()) + "`");
            }
        }
        Map<String, String> passThroughExample = KafkaConfig.from(ConfigSource.of("ANIDOC_KAFKA_SASL_JAAS_CONFIG", "x"))
                .describePassThrough();
        assertThat(passThroughExample).containsEntry("ANIDOC_KAFKA_SASL_JAAS_CONFIG", "****");
    }
}
