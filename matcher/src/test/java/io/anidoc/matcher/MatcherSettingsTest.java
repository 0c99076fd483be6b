package io.anidoc.matcher;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.stage.ChosenEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatcherSettingsTest {

    @Test
    void theCpuEngineIsTheDefault() {
        MatcherSettings settings = MatcherSettings.from(ConfigSource.of());
        assertThat(settings.engine()).isEqualTo(new ChosenEngine(false, "lightglue"));
        assertThat(settings.minScore()).isEqualTo(0.1);
        assertThat(settings.onePerPixel()).isTrue();
    }

    @Test
    void readsTheTritonEngine() {
        MatcherSettings settings = MatcherSettings.from(ConfigSource.of("ANIDOC_MATCHER_ENGINE", "LightGlue",
                "ANIDOC_MATCHER_LIGHTGLUE_MODEL", "sift_lightglue", "ANIDOC_MATCHER_LIGHTGLUE_MIN_SCORE", "0.25",
                "ANIDOC_MATCHER_LIGHTGLUE_ONE_PER_PIXEL", "false"));
        assertThat(settings).isEqualTo(new MatcherSettings(new ChosenEngine(true, "sift_lightglue"), 0.25, false));
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> MatcherSettings.from(ConfigSource.of("ANIDOC_MATCHER_ENGINE", "superglue")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ANIDOC_MATCHER_ENGINE").hasMessageContaining("cpu, lightglue");
        assertThatThrownBy(() -> MatcherSettings.from(ConfigSource.of("ANIDOC_MATCHER_LIGHTGLUE_MIN_SCORE", "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ANIDOC_MATCHER_LIGHTGLUE_MIN_SCORE=2: must be between 0 and 1");
    }
}
