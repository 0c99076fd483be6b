package io.anidoc.runtime.stage;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.ServiceConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageSettingsTest {

    @Test
    void concurrencyDefaultsToTheWorkerPoolAndTheShutdownBudgetToTheShutdownTimeout() {
        ConfigSource source = ConfigSource.of("ANIDOC_WORKER_POOL_SIZE", "3", "ANIDOC_SHUTDOWN_TIMEOUT", "40s");
        StageSettings settings = StageSettings.from(source, ServiceConfig.from(source, "matcher"));
        assertThat(settings.concurrency()).isEqualTo(3);
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.revokeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.shutdown().total()).isEqualTo(Duration.ofSeconds(40));
        assertThat(settings.shutdown().drain()).isEqualTo(Duration.ofSeconds(24));
    }

    @Test
    void readsItsOwnVariables() {
        ConfigSource source = ConfigSource.of("ANIDOC_WORKER_POOL_SIZE", "3", "ANIDOC_STAGE_CONCURRENCY", "5",
                "ANIDOC_STAGE_COMMIT_INTERVAL", "250ms", "ANIDOC_STAGE_REVOKE_TIMEOUT", "2s");
        StageSettings settings = StageSettings.from(source, ServiceConfig.from(source, "tracker"));
        assertThat(settings.concurrency()).isEqualTo(5);
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.revokeTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void badValuesNameTheVariable() {
        ConfigSource zeroConcurrency = ConfigSource.of("ANIDOC_STAGE_CONCURRENCY", "0");
        assertThatThrownBy(() -> StageSettings.from(zeroConcurrency, ServiceConfig.from(zeroConcurrency, "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ANIDOC_STAGE_CONCURRENCY=0: must be between 1 and 1024");
        ConfigSource zeroCommit = ConfigSource.of("ANIDOC_STAGE_COMMIT_INTERVAL", "0");
        assertThatThrownBy(() -> StageSettings.from(zeroCommit, ServiceConfig.from(zeroCommit, "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ANIDOC_STAGE_COMMIT_INTERVAL=0: must be greater than 0");
        ConfigSource notADuration = ConfigSource.of("ANIDOC_STAGE_REVOKE_TIMEOUT", "soon");
        assertThatThrownBy(() -> StageSettings.from(notADuration, ServiceConfig.from(notADuration, "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ANIDOC_STAGE_REVOKE_TIMEOUT=soon: not a duration");
    }

    @Test
    void theWarmUpIsOffByDefaultAndAClipTooShortToColorIsRefused() {
        assertThat(StageSettings.warmUpFrames(ConfigSource.of())).isZero();
        assertThat(StageSettings.warmUpFrames(ConfigSource.of("ANIDOC_STAGE_WARMUP_FRAMES", "6"))).isEqualTo(6);
        assertThatThrownBy(() -> StageSettings.warmUpFrames(ConfigSource.of("ANIDOC_STAGE_WARMUP_FRAMES", "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ANIDOC_STAGE_WARMUP_FRAMES=2: a warm-up clip needs at least 3 frames");
        assertThatThrownBy(() -> StageSettings.warmUpFrames(ConfigSource.of("ANIDOC_STAGE_WARMUP_FRAMES", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ANIDOC_STAGE_WARMUP_FRAMES=-1");
    }
}
