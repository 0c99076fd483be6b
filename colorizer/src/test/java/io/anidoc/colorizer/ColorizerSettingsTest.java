package io.anidoc.colorizer;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.stage.ChosenEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColorizerSettingsTest {

    @Test
    void theCpuEngineIsTheDefaultAndAnidocSnapsByDefault() {
        assertThat(ColorizerSettings.from(ConfigSource.of()))
                .isEqualTo(new ColorizerSettings(new ChosenEngine(false, "anidoc"), true, 2.0));
        assertThat(ColorizerSettings.from(ConfigSource.of("ANIDOC_COLORIZER_ENGINE", "anidoc",
                "ANIDOC_COLORIZER_SNAP", "false", "ANIDOC_COLORIZER_ANIDOC_WEIGHT", "0.5")))
                .isEqualTo(new ColorizerSettings(new ChosenEngine(true, "anidoc"), false, 0.5));
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> ColorizerSettings.from(ConfigSource.of("ANIDOC_COLORIZER_ENGINE", "diffusion")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ANIDOC_COLORIZER_ENGINE").hasMessageContaining("cpu, anidoc");
        assertThatThrownBy(() -> ColorizerSettings.from(ConfigSource.of("ANIDOC_COLORIZER_SNAP", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ANIDOC_COLORIZER_SNAP");
        assertThatThrownBy(() -> ColorizerSettings.from(ConfigSource.of("ANIDOC_COLORIZER_ANIDOC_WEIGHT", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ANIDOC_COLORIZER_ANIDOC_WEIGHT=-1: must be a finite number >= 0");
    }
}
