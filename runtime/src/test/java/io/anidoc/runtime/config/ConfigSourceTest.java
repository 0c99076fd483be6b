package io.anidoc.runtime.config;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigSourceTest {

    private static final Setting PARTITIONS = Setting.of("ANIDOC_TOPIC_PARTITIONS", "6", "partitions");
    private static final Setting TIMEOUT = Setting.of("ANIDOC_X_TIMEOUT", "30s", "timeout");
    private static final Setting FLAG = Setting.of("ANIDOC_X_FLAG", "false", "flag");
    private static final Setting HOSTS = Setting.withoutDefault("ANIDOC_X_HOSTS", "hosts");
    private static final Setting PASSWORD = Setting.secret("ANIDOC_X_PASSWORD", "password");

    enum Engine { CPU, TRITON }

    @Test
    void typedValuesAndDefaults() {
        ConfigSource source = ConfigSource.of(
                "ANIDOC_TOPIC_PARTITIONS", " 12 ",
                "ANIDOC_X_FLAG", "YES",
                "ANIDOC_X_HOSTS", "a:1, b:2,,c:3 ",
                "ANIDOC_X_ENGINE", "Triton",
                "ANIDOC_X_DIR", "/var/blobs",
                "ANIDOC_X_URL", "grpc://triton:8001");

        assertThat(source.integer(PARTITIONS, 1, 100)).isEqualTo(12);
        assertThat(source.duration(TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(source.bool(FLAG)).isTrue();
        assertThat(source.list(HOSTS)).containsExactly("a:1", "b:2", "c:3");
        assertThat(source.enumValue(Setting.of("ANIDOC_X_ENGINE", "cpu", "engine"), Engine.class)).isEqualTo(Engine.TRITON);
        assertThat(source.path(Setting.withoutDefault("ANIDOC_X_DIR", "dir"))).isEqualTo(Path.of("/var/blobs"));
        assertThat(source.uri(Setting.withoutDefault("ANIDOC_X_URL", "url"))).isEqualTo(URI.create("grpc://triton:8001"));
        assertThat(source.optionalString(PASSWORD)).isEmpty();
        assertThat(source.list(Setting.withoutDefault("ANIDOC_X_NONE", "none"))).isEmpty();
    }

    @Test
    void durationsInShortAndIsoNotation() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
    }

    @Test
    void badValuesNameTheVariableAndTheValue() {
        assertThatThrownBy(() -> ConfigSource.of("ANIDOC_TOPIC_PARTITIONS", "abc").integer(PARTITIONS, 1, 100))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ANIDOC_TOPIC_PARTITIONS=abc: not an integer");
        assertThatThrownBy(() -> ConfigSource.of("ANIDOC_TOPIC_PARTITIONS", "0").integer(PARTITIONS, 1, 100))
                .hasMessage("ANIDOC_TOPIC_PARTITIONS=0: must be between 1 and 100");
        assertThatThrownBy(() -> ConfigSource.of("ANIDOC_X_TIMEOUT", "30 seconds").duration(TIMEOUT))
                .hasMessage("ANIDOC_X_TIMEOUT=30 seconds: not a duration (use e.g. 500ms, 30s, 5m, 1h)");
        assertThatThrownBy(() -> ConfigSource.of("ANIDOC_X_FLAG", "maybe").bool(FLAG))
                .hasMessage("ANIDOC_X_FLAG=maybe: not a boolean (true or false)");
        assertThatThrownBy(() -> ConfigSource.of("ANIDOC_X_ENGINE", "gpu")
                .enumValue(Setting.of("ANIDOC_X_ENGINE", "cpu", "engine"), Engine.class))
                .hasMessage("ANIDOC_X_ENGINE=gpu: must be one of cpu, triton");
        assertThatThrownBy(() -> ConfigSource.of("ANIDOC_X_URL", "triton:8001 x")
                .uri(Setting.withoutDefault("ANIDOC_X_URL", "url")))
                .hasMessageStartingWith("ANIDOC_X_URL=triton:8001 x: not a valid URI");
        assertThatThrownBy(() -> ConfigSource.of().string(HOSTS))
                .hasMessage("ANIDOC_X_HOSTS is required: hosts");
    }

    @Test
    void secretValuesNeverAppearInErrors() {
        Setting secretNumber = new Setting("ANIDOC_X_PIN", null, "pin", true);
        assertThatThrownBy(() -> ConfigSource.of("ANIDOC_X_PIN", "hunter2").integer(secretNumber, 0, 9))
                .hasMessage("ANIDOC_X_PIN=****: not an integer");
    }

    @Test
    void describeRedactsSecretsAndShowsUnset() {
        ConfigSource source = ConfigSource.of("ANIDOC_X_PASSWORD", "hunter2", "ANIDOC_X_FLAG", "true");
        Map<String, String> described = source.describe(List.of(PASSWORD, FLAG, PARTITIONS, HOSTS));
        assertThat(described).containsExactly(
                Map.entry("ANIDOC_X_PASSWORD", "****"),
                Map.entry("ANIDOC_X_FLAG", "true"),
                Map.entry("ANIDOC_TOPIC_PARTITIONS", "6"),
                Map.entry("ANIDOC_X_HOSTS", "<unset>"));
        assertThat(source.describeLine(List.of(PASSWORD, FLAG)))
                .isEqualTo("ANIDOC_X_PASSWORD=**** ANIDOC_X_FLAG=true")
                .doesNotContain("hunter2");
    }

    @Test
    void higherLayerWinsAndBlankCountsAsUnset() {
        ConfigSource env = ConfigSource.of("ANIDOC_TOPIC_PARTITIONS", "3", "ANIDOC_X_FLAG", "true");
        ConfigSource file = ConfigSource.of("ANIDOC_TOPIC_PARTITIONS", "9", "ANIDOC_X_HOSTS", "h:1");
        ConfigSource layered = env.withFallback(file);
        assertThat(layered.integer(PARTITIONS, 1, 100)).isEqualTo(3);
        assertThat(layered.list(HOSTS)).containsExactly("h:1");
        assertThat(ConfigSource.of("ANIDOC_TOPIC_PARTITIONS", "  ").integer(PARTITIONS, 1, 100)).isEqualTo(6);
    }

    @Test
    void prefixSelection() {
        ConfigSource source = ConfigSource.of("ANIDOC_KAFKA_A", "1", "ANIDOC_KAFKA_B_C", "2", "OTHER", "3", "ANIDOC_KAFKA_", "4");
        assertThat(source.withPrefix("ANIDOC_KAFKA_")).containsExactly(Map.entry("A", "1"), Map.entry("B_C", "2"));
    }

    @Test
    void settingNamesMustBeEnvironmentStyle() {
        assertThatThrownBy(() -> Setting.of("anidoc.port", "1", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("anidoc.port");
    }
}
