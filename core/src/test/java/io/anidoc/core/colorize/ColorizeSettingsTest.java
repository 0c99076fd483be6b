package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ColorizeSettingsTest {

    @Test
    void aNegativeCertaintyPowerIsRefusedNamingIt() {
        ColorizeSettings d = ColorizeSettings.defaults();
        assertThatThrownBy(() -> new ColorizeSettings(d.voteFloor(), d.matchWeight(), d.matchRadius(), d.temporalWeight(), -1,
                d.minorShare(), d.minLeakArea(), d.minFlatPixels(), d.minFlatShare(), d.voteStride(), d.sparseVoteSamples()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("temporalCertaintyPower");
    }
}
