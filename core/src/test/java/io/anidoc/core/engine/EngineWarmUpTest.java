package io.anidoc.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineWarmUpTest {

    @Test
    void everyDrawingBetweenTheTwoKeyframesIsColored() {
        EngineWarmUp.Result result = EngineWarmUp.run(new ClipEngine(EngineSettings.defaults()), 4);

        assertThat(result.drawings()).as("frames 1 and 2 of 0..3").isEqualTo(2);
        assertThat(result.millis()).isPositive();
    }

    @Test
    void aClipWithoutADrawingBetweenItsKeyframesIsRefused() {
        assertThatThrownBy(() -> EngineWarmUp.run(new ClipEngine(EngineSettings.defaults()), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3 frames");
    }
}
