package io.anidoc.runtime.inference;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InferenceClientConfigTest {

    @Test
    void defaultsAreDocumentedAndSane() {
        InferenceClientConfig config = InferenceClientConfig.from(ConfigSource.of());
        assertThat(config.target()).isEqualTo("localhost:8001");
        assertThat(config.deadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxMessageBytes()).isEqualTo(1 << 30);
        assertThat(config.maxAttempts()).isEqualTo(4);
        assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.breakerFailureThreshold()).isEqualTo(5);
        assertThat(config.breakerOpenDuration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.loadBalancingPolicy()).isEqualTo("round_robin");
        assertThat(InferenceClientConfig.SETTINGS).allMatch(setting -> setting.name().startsWith("ANIDOC_TRITON_"));
    }

    @Test
    void readsEveryVariable() {
        InferenceClientConfig config = InferenceClientConfig.from(ConfigSource.of(
                "ANIDOC_TRITON_TARGET", "dns:///triton-headless:8001",
                "ANIDOC_TRITON_DEADLINE", "2s",
                "ANIDOC_TRITON_MAX_MESSAGE_BYTES", "67108864",
                "ANIDOC_TRITON_RETRY_MAX_ATTEMPTS", "6",
                "ANIDOC_TRITON_RETRY_INITIAL_BACKOFF", "50ms",
                "ANIDOC_TRITON_RETRY_MAX_BACKOFF", "5s",
                "ANIDOC_TRITON_BREAKER_FAILURE_THRESHOLD", "3",
                "ANIDOC_TRITON_BREAKER_OPEN_DURATION", "1m",
                "ANIDOC_TRITON_LOAD_BALANCING", "pick_first"));
        assertThat(config).isEqualTo(new InferenceClientConfig("dns:///triton-headless:8001", Duration.ofSeconds(2),
                64 << 20, 6, Duration.ofMillis(50), Duration.ofSeconds(5), 3, Duration.ofMinutes(1), "pick_first"));
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> InferenceClientConfig.from(ConfigSource.of("ANIDOC_TRITON_MAX_MESSAGE_BYTES", "1000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ANIDOC_TRITON_MAX_MESSAGE_BYTES=1000");
        assertThatThrownBy(() -> InferenceClientConfig.from(ConfigSource.of("ANIDOC_TRITON_DEADLINE", "0")))
                .hasMessageContaining("ANIDOC_TRITON_DEADLINE=0: must be greater than 0");
        assertThatThrownBy(() -> InferenceClientConfig.from(ConfigSource.of("ANIDOC_TRITON_LOAD_BALANCING", "random")))
                .hasMessageContaining("ANIDOC_TRITON_LOAD_BALANCING=random: must be one of round_robin, pick_first");
        assertThatThrownBy(() -> InferenceClientConfig.from(ConfigSource.of("ANIDOC_TRITON_RETRY_MAX_ATTEMPTS", "0")))
                .hasMessageContaining("ANIDOC_TRITON_RETRY_MAX_ATTEMPTS=0");
    }
}
