package io.anidoc.proto.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.TextFormat;
import io.anidoc.proto.inference.ModelConfigOuterClass.DataType;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelInput;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelInstanceGroup;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelConfigTextFormatTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = ModelConfigTextFormatTest.class.getResourceAsStream(name)) {
      assertThat(in).as("test resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ModelConfig parse(String text) throws TextFormat.ParseException {
    ModelConfig.Builder builder = ModelConfig.newBuilder();
    TextFormat.getParser().merge(text, builder);
    return builder.build();
  }

  @Test
  void typicalOnnxRuntimeConfigParsesWithEveryFieldReadBack() throws Exception {
    ModelConfig config = parse(resource("/triton/onnx-config.pbtxt"));

    assertThat(config.getName()).isEqualTo("lightglue");
    assertThat(config.getBackend()).isEqualTo("onnxruntime");
    assertThat(config.getMaxBatchSize()).isEqualTo(8);
    assertThat(config.getVersionPolicy().getLatest().getNumVersions()).isEqualTo(1);

    assertThat(config.getInputList()).extracting(ModelInput::getName)
        .containsExactly("kpts0", "desc0", "image_size0");
    ModelInput desc = config.getInput(1);
    assertThat(desc.getDataType()).isEqualTo(DataType.TYPE_FP32);
    assertThat(desc.getDimsList()).containsExactly(-1L, 128L);
    assertThat(config.getInput(2).getDataType()).isEqualTo(DataType.TYPE_INT64);
    assertThat(config.getInput(2).getOptional()).isTrue();

    assertThat(config.getOutputList()).extracting(ModelOutput::getName)
        .containsExactly("matches0", "mscores0");
    assertThat(config.getOutput(0).getDataType()).isEqualTo(DataType.TYPE_INT64);
    assertThat(config.getOutput(1).getDimsList()).containsExactly(-1L);

    assertThat(config.getSchedulingChoiceCase())
        .isEqualTo(ModelConfig.SchedulingChoiceCase.DYNAMIC_BATCHING);
    assertThat(config.getDynamicBatching().getMaxQueueDelayMicroseconds()).isEqualTo(100L);
    assertThat(config.getDynamicBatching().getPreferredBatchSizeList()).containsExactly(4, 8);

    assertThat(config.getInstanceGroupCount()).isEqualTo(1);
    assertThat(config.getInstanceGroup(0).getKind()).isEqualTo(ModelInstanceGroup.Kind.KIND_CPU);
    assertThat(config.getInstanceGroup(0).getCount()).isEqualTo(2);

    assertThat(config.getOptimization().getGraph().getLevel()).isEqualTo(1);
    assertThat(config.getOptimization().getExecutionAccelerators().getCpuExecutionAccelerator(0).getName())
        .isEqualTo("openvino");

    assertThat(config.getParametersMap()).containsOnlyKeys("intra_op_thread_count", "enable_mem_arena");
    assertThat(config.getParametersOrThrow("intra_op_thread_count").getStringValue()).isEqualTo("2");
    assertThat(config.getParametersOrThrow("enable_mem_arena").getStringValue()).isEqualTo("1");

    assertThat(config.getModelWarmup(0).getInputsOrThrow("kpts0").getDimsList()).containsExactly(16L, 2L);
    assertThat(config.getModelWarmup(0).getInputsOrThrow("kpts0").getZeroData()).isTrue();
  }

  @Test
  void configSurvivesTextFormatPrintAndBinaryRoundTrip() throws Exception {
    ModelConfig config = parse(resource("/triton/onnx-config.pbtxt"));

    assertThat(parse(TextFormat.printer().printToString(config))).isEqualTo(config);
    assertThat(ModelConfig.parseFrom(config.toByteArray())).isEqualTo(config);
  }

  @Test
  void misspelledFieldIsRejectedNamingTheField() {
    assertThatThrownBy(() -> parse("name: \"m\"\nmax_bach_size: 4\n"))
        .isInstanceOf(TextFormat.ParseException.class)
        .hasMessageContaining("max_bach_size");
  }

  @Test
  void unknownDataTypeIsRejected() {
    assertThatThrownBy(() -> parse("input [ { name: \"x\" data_type: TYPE_FP8 dims: [ 1 ] } ]"))
        .isInstanceOf(TextFormat.ParseException.class)
        .hasMessageContaining("TYPE_FP8");
  }
}
