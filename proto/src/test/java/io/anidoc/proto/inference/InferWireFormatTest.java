package io.anidoc.proto.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnknownFieldSet;
import io.anidoc.proto.inference.GrpcService.InferParameter;
import io.anidoc.proto.inference.GrpcService.ModelInferRequest;
import io.anidoc.proto.inference.GrpcService.ModelInferResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Checks the wire layout against field numbers of the KServe v2 protocol, not only a round trip. */
class InferWireFormatTest {

  private static ByteString littleEndianFloats(float... values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return ByteString.copyFrom(buffer.array());
  }

  private static ModelInferRequest sampleRequest() {
    return ModelInferRequest.newBuilder()
        .setModelName("lightglue")
        .setId("clip-7")
        .putParameters("priority", InferParameter.newBuilder().setInt64Param(2).build())
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder()
            .setName("kpts0").setDatatype("FP32").addShape(1).addShape(2).addShape(2))
        .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("matches0"))
        .addRawInputContents(littleEndianFloats(1.5f, -2f, 3.25f, 4f))
        .build();
  }

  @Test
  void requestWithRawInputContentsRoundTrips() throws Exception {
    ModelInferRequest request = sampleRequest();

    ModelInferRequest decoded = ModelInferRequest.parseFrom(request.toByteArray());

    assertThat(decoded).isEqualTo(request);
    ByteBuffer raw = decoded.getRawInputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    assertThat(raw.getFloat(0)).isEqualTo(1.5f);
    assertThat(raw.getFloat(12)).isEqualTo(4f);
  }

  @Test
  void rawInputContentsTravelsAsField7AndModelNameAsField1() throws Exception {
    ModelInferRequest request = sampleRequest();

    UnknownFieldSet fields = UnknownFieldSet.parseFrom(request.toByteArray());

    assertThat(fields.getField(1).getLengthDelimitedList())
        .containsExactly(ByteString.copyFromUtf8("lightglue"));
    assertThat(fields.getField(3).getLengthDelimitedList())
        .containsExactly(ByteString.copyFromUtf8("clip-7"));
    assertThat(fields.getField(7).getLengthDelimitedList())
        .containsExactly(littleEndianFloats(1.5f, -2f, 3.25f, 4f));
    assertThat(fields.hasField(5)).as("inputs").isTrue();
    assertThat(fields.hasField(6)).as("requested outputs").isTrue();
  }

  @Test
  void handEncodedResponseDecodesRawOutputContentsFromField6() throws Exception {
    // Encode a response by hand as a server would put it on the wire.
    ByteString tensor = littleEndianFloats(0.25f, 0.75f);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeString(1, "lightglue");
    out.writeString(2, "1");
    ByteArrayOutputStream tensorMeta = new ByteArrayOutputStream();
    CodedOutputStream meta = CodedOutputStream.newInstance(tensorMeta);
    meta.writeString(1, "mscores0");
    meta.writeString(2, "FP32");
    meta.writeInt64(3, 2);
    meta.flush();
    out.writeByteArray(5, tensorMeta.toByteArray());
    out.writeBytes(6, tensor);
    out.flush();

    ModelInferResponse response = ModelInferResponse.parseFrom(bytes.toByteArray());

    assertThat(response.getModelName()).isEqualTo("lightglue");
    assertThat(response.getModelVersion()).isEqualTo("1");
    assertThat(response.getOutputs(0).getName()).isEqualTo("mscores0");
    assertThat(response.getOutputs(0).getDatatype()).isEqualTo("FP32");
    assertThat(response.getOutputs(0).getShapeList()).containsExactly(2L);
    assertThat(response.getRawOutputContentsList()).containsExactly(tensor);
    assertThat(response.getUnknownFields().asMap()).isEmpty();
  }

  @Test
  void inferParameterChoicesUseProtocolFieldNumbers() throws Exception {
    assertThat(UnknownFieldSet.parseFrom(InferParameter.newBuilder().setBoolParam(true).build().toByteArray())
        .getField(1).getVarintList()).containsExactly(1L);
    assertThat(UnknownFieldSet.parseFrom(InferParameter.newBuilder().setStringParam("x").build().toByteArray())
        .hasField(3)).isTrue();
    assertThat(UnknownFieldSet.parseFrom(InferParameter.newBuilder().setDoubleParam(0.5).build().toByteArray())
        .getField(4).getFixed64List()).containsExactly(Double.doubleToLongBits(0.5));
  }

  @Test
  void serviceUsesTritonMethodPaths() {
    assertThat(GRPCInferenceServiceGrpc.SERVICE_NAME).isEqualTo("inference.GRPCInferenceService");
    assertThat(GRPCInferenceServiceGrpc.getModelInferMethod().getFullMethodName())
        .isEqualTo("inference.GRPCInferenceService/ModelInfer");
    assertThat(GRPCInferenceServiceGrpc.getModelStreamInferMethod().getType())
        .isEqualTo(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING);
    assertThat(GRPCInferenceServiceGrpc.getRepositoryIndexMethod().getFullMethodName())
        .isEqualTo("inference.GRPCInferenceService/RepositoryIndex");
  }
}
