package io.anidoc.runtime.triton;

import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelParameter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelParametersTest {

    private static final ModelConfig CONFIG = ModelConfig.newBuilder()
            .setName("anidoc")
            .putParameters("frames", ModelParameter.newBuilder().setStringValue(" 14 ").build())
            .putParameters("height", ModelParameter.newBuilder().setStringValue("tall").build())
            .putParameters("width", ModelParameter.newBuilder().setStringValue("0").build())
            .build();

    @Test
    void readsPositiveIntegers() {
        assertThat(ModelParameters.positiveInt(CONFIG, "frames")).hasValue(14);
        assertThat(ModelParameters.requiredPositiveInt(CONFIG, "frames")).isEqualTo(14);
        assertThat(ModelParameters.positiveInt(CONFIG, "window_len")).isEmpty();
    }

    @Test
    void namesTheModelAndTheParameterWhenAValueIsWrongOrMissing() {
        assertThatThrownBy(() -> ModelParameters.positiveInt(CONFIG, "height"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("model 'anidoc' has parameter 'height' = 'tall', expected a positive integer");
        assertThatThrownBy(() -> ModelParameters.positiveInt(CONFIG, "width"))
                .hasMessage("model 'anidoc' has parameter 'width' = '0', expected a positive integer");
        assertThatThrownBy(() -> ModelParameters.requiredPositiveInt(CONFIG, "max_points"))
                .hasMessage("model 'anidoc' declares no parameter 'max_points' in its configuration");
    }
}
