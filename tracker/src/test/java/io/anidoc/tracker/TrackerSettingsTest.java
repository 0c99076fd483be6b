package io.anidoc.tracker;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.stage.ChosenEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackerSettingsTest {

    @Test
    void theCpuEngineIsTheDefault() {
        assertThat(TrackerSettings.from(ConfigSource.of()))
                .isEqualTo(new TrackerSettings(new ChosenEngine(false, "cotracker"), 512, 0, 24, 256));
    }

    @Test
    void readsTheTritonEngine() {
        assertThat(TrackerSettings.from(ConfigSource.of("ANIDOC_TRACKER_ENGINE", "cotracker",
                "ANIDOC_TRACKER_COTRACKER_MAX_FRAMES", "24", "ANIDOC_TRACKER_COTRACKER_MAX_SIDE", "384")))
                .isEqualTo(new TrackerSettings(new ChosenEngine(true, "cotracker"), 384, 24, 24, 256));
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> TrackerSettings.from(ConfigSource.of("ANIDOC_TRACKER_ENGINE", "raft")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ANIDOC_TRACKER_ENGINE").hasMessageContaining("cpu, cotracker");
        assertThatThrownBy(() -> TrackerSettings.from(ConfigSource.of("ANIDOC_TRACKER_COTRACKER_MAX_FRAMES", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ANIDOC_TRACKER_COTRACKER_MAX_FRAMES=1: a window needs at least 2 frames");
    }
}
