package io.anidoc.runtime.inference;

import com.google.protobuf.ByteString;
import io.anidoc.proto.inference.GRPCInferenceServiceGrpc;
import io.anidoc.proto.inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.anidoc.proto.inference.GrpcService;
import io.anidoc.proto.inference.GrpcService.InferTensorContents;
import io.anidoc.proto.inference.GrpcService.ModelInferRequest;
import io.anidoc.proto.inference.GrpcService.ModelInferRequest.InferInputTensor;
import io.anidoc.proto.inference.GrpcService.ModelInferResponse;
import io.anidoc.proto.inference.GrpcService.ModelMetadataResponse;
import io.anidoc.proto.inference.GrpcService.RepositoryIndexResponse.ModelIndex;
import io.anidoc.proto.inference.ModelConfigOuterClass.DataType;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.embedded.inference.InferenceServer;
import io.anidoc.embedded.inference.ModelState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The embedded server over real gRPC on loopback, read with the raw stub so the exact status codes
 * and messages can be compared with Triton's (texts from triton-inference-server/core
 * src/infer_request.cc and server src/grpc/infer_handler.cc).
 */
class InferenceServerIT {

    private static final String NOTE = "NOTE: Setting a non-zero max_batch_size in the model config requires a batch "
            + "dimension to be prepended to each input shape. If you want to specify the full shape including the "
            + "batch dim in your input dims config, try setting max_batch_size to zero. See the model configuration "
            + "docs for more info on max_batch_size.";

    @TempDir
    static Path repository;

    private static InferenceServer server;
    private static ManagedChannel channel;
    private static GRPCInferenceServiceBlockingStub stub;

    @BeforeAll
    static void start() throws IOException {
        TestModels.copy(repository, "add_sub", "lightglue");
        Path python = Files.createDirectories(repository.resolve("anidoc").resolve("1"));
        Files.writeString(python.resolve("model.py"), "# served by Triton's python backend\n");
        Files.writeString(repository.resolve("anidoc").resolve("config.pbtxt"),
                "name: \"anidoc\"\nbackend: \"python\"\nmax_batch_size: 0\n");
        server = InferenceServer.start(repository, "127.0.0.1", 0);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void closingTwiceStopsOnceAndFreesThePort() throws IOException {
        InferenceServer second = InferenceServer.start(repository, "127.0.0.1", 0);
        int port = second.port();
        second.close();
        second.close();
        try (java.net.ServerSocket reuse = new java.net.ServerSocket()) {
            reuse.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            assertThat(reuse.isBound()).isTrue();
        }
    }

    @Test
    void answersHealthAndServerMetadata() {
        assertThat(stub.serverLive(GrpcService.ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        assertThat(stub.serverReady(GrpcService.ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
        GrpcService.ServerMetadataResponse metadata = stub.serverMetadata(GrpcService.ServerMetadataRequest.getDefaultInstance());
        assertThat(metadata.getName()).isEqualTo("anidoc-embedded-inference-server");
        assertThat(metadata.getExtensionsList()).contains("model_repository", "model_configuration");
        assertThat(ready("add_sub")).isTrue();
        assertThat(ready("anidoc")).isFalse();
        assertThat(ready("no_such_model")).isFalse();
    }

    @Test
    void listsTheRepositoryWithOtherBackendsUnavailable() {
        List<ModelIndex> index = stub.repositoryIndex(GrpcService.RepositoryIndexRequest.getDefaultInstance()).getModelsList();
        assertThat(index).extracting(ModelIndex::getName).containsExactly("add_sub", "anidoc", "lightglue");
        ModelIndex addSub = index.get(0);
        assertThat(addSub.getState()).isEqualTo("READY");
        assertThat(addSub.getVersion()).isEqualTo("1");
        assertThat(addSub.getReason()).isEmpty();
        ModelIndex python = index.get(1);
        assertThat(python.getState()).isEqualTo("UNAVAILABLE");
        assertThat(python.getVersion()).isEqualTo("1");
        assertThat(python.getReason()).isEqualTo(
                "backend 'python' is not supported by the embedded server, which runs onnxruntime models only");

        List<ModelIndex> readyOnly = stub.repositoryIndex(GrpcService.RepositoryIndexRequest.newBuilder().setReady(true).build())
                .getModelsList();
        assertThat(readyOnly).extracting(ModelIndex::getName).containsExactly("add_sub", "lightglue");
        assertThat(server.models()).extracting(ModelState::state).containsExactly("READY", "UNAVAILABLE", "READY");
    }

    @Test
    void metadataPrependsTheBatchDimensionOfBatchingModels() {
        ModelMetadataResponse addSub = stub.modelMetadata(GrpcService.ModelMetadataRequest.newBuilder().setName("add_sub").build());
        assertThat(addSub.getName()).isEqualTo("add_sub");
        assertThat(addSub.getVersionsList()).containsExactly("1");
        assertThat(addSub.getPlatform()).isEqualTo("onnxruntime_onnx");
        assertThat(addSub.getInputsList()).extracting(ModelMetadataResponse.TensorMetadata::getName)
                .containsExactly("INPUT0", "INPUT1");
        assertThat(addSub.getInputs(0).getDatatype()).isEqualTo("FP32");
        assertThat(addSub.getInputs(0).getShapeList()).containsExactly(-1L, 4L);
        assertThat(addSub.getOutputs(1).getShapeList()).containsExactly(-1L, 4L);

        ModelMetadataResponse lightglue = stub.modelMetadata(GrpcService.ModelMetadataRequest.newBuilder().setName("lightglue").build());
        assertThat(lightglue.getInputs(0).getShapeList()).containsExactly(1L, -1L, 2L);
        assertThat(lightglue.getOutputs(0).getDatatype()).isEqualTo("INT64");
        assertThat(lightglue.getOutputs(0).getShapeList()).containsExactly(-1L);

        ModelConfig config = stub.modelConfig(GrpcService.ModelConfigRequest.newBuilder().setName("add_sub").build()).getConfig();
        assertThat(config.getMaxBatchSize()).isEqualTo(8);
        assertThat(config.getBackend()).isEqualTo("onnxruntime");
        assertThat(config.getInput(0).getDataType()).isEqualTo(DataType.TYPE_FP32);
        assertThat(config.getInput(0).getDimsList()).containsExactly(4L);
    }

    @Test
    void infersFromRawAndFromTypedContents() {
        ModelInferResponse raw = stub.modelInfer(addSub(new long[]{1, 4}, floats(1, 2, 3, 4), floats(10, 20, 30, 40)).build());
        assertThat(raw.getModelName()).isEqualTo("add_sub");
        assertThat(raw.getModelVersion()).isEqualTo("1");
        assertThat(raw.getOutputsList()).extracting(ModelInferResponse.InferOutputTensor::getName)
                .containsExactly("OUTPUT0", "OUTPUT1");
        assertThat(raw.getOutputs(0).getShapeList()).containsExactly(1L, 4L);
        assertThat(floatsOf(raw.getRawOutputContents(0))).containsExactly(11, 22, 33, 44);
        assertThat(floatsOf(raw.getRawOutputContents(1))).containsExactly(-9, -18, -27, -36);

        ModelInferRequest typed = ModelInferRequest.newBuilder().setModelName("add_sub").setId("typed-1")
                .addInputs(typedInput("INPUT0", 1, 2, 3, 4))
                .addInputs(typedInput("INPUT1", 1, 1, 1, 1))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("OUTPUT1"))
                .build();
        ModelInferResponse answer = stub.modelInfer(typed);
        assertThat(answer.getId()).isEqualTo("typed-1");
        assertThat(answer.getOutputsList()).extracting(ModelInferResponse.InferOutputTensor::getName).containsExactly("OUTPUT1");
        assertThat(floatsOf(answer.getRawOutputContents(0))).containsExactly(0, 1, 2, 3);
    }

    @Test
    void unknownModelsAreNotFoundAsTritonSaysIt() {
        expect(() -> stub.modelInfer(ModelInferRequest.newBuilder().setModelName("nope").build()),
                Status.Code.NOT_FOUND, "Request for unknown model: 'nope' is not found");
        expect(() -> stub.modelMetadata(GrpcService.ModelMetadataRequest.newBuilder().setName("nope").build()),
                Status.Code.NOT_FOUND, "Request for unknown model: 'nope' is not found");
        expect(() -> stub.modelConfig(GrpcService.ModelConfigRequest.newBuilder().setName("nope").build()),
                Status.Code.NOT_FOUND, "Request for unknown model: 'nope' is not found");
        expect(() -> stub.modelMetadata(GrpcService.ModelMetadataRequest.newBuilder().setName("anidoc").build()),
                Status.Code.NOT_FOUND, "Request for unknown model: 'anidoc' has no available versions");
        expect(() -> stub.modelInfer(addSub(new long[]{1, 4}, floats(1, 2, 3, 4), floats(1, 2, 3, 4)).setModelVersion("2").build()),
                Status.Code.NOT_FOUND, "Request for unknown model: 'add_sub' version 2 is not found");
    }

    @Test
    void mixedRawAndTypedContentsAreRefused() {
        ModelInferRequest mixed = ModelInferRequest.newBuilder().setModelName("add_sub")
                .addInputs(typedInput("INPUT0", 1, 2, 3, 4))
                .addInputs(rawInput("INPUT1", "FP32", 1, 4))
                .addRawInputContents(floats(1, 2, 3, 4))
                .build();
        expect(() -> stub.modelInfer(mixed), Status.Code.INVALID_ARGUMENT,
                "contents field must not be specified when using raw_input_contents for 'INPUT0' for model 'add_sub'");
    }

    @Test
    void wrongShapesAreRefusedWithTheExpectedShape() {
        expect(() -> stub.modelInfer(addSub(new long[]{2, 3}, floats(1, 2, 3, 4, 5, 6), floats(1, 2, 3, 4, 5, 6)).build()),
                Status.Code.INVALID_ARGUMENT, "[request id: <id_unknown>] unexpected shape for input 'INPUT0' for model "
                        + "'add_sub'. Expected [-1,4], got [2,3]. " + NOTE);

        ModelInferRequest.Builder lightglue = ModelInferRequest.newBuilder().setModelName("lightglue").setId("lg-1");
        for (String name : List.of("kpts0", "kpts1")) {
            lightglue.addInputs(rawInput(name, "FP32", 1, 2, 3)).addRawInputContents(floats(1, 2, 3, 4, 5, 6));
        }
        for (String name : List.of("desc0", "desc1")) {
            lightglue.addInputs(rawInput(name, "FP32", 1, 2, 128)).addRawInputContents(ByteString.copyFrom(new byte[2 * 128 * 4]));
        }
        for (String name : List.of("image_size0", "image_size1")) {
            lightglue.addInputs(rawInput(name, "FP32", 1, 2)).addRawInputContents(floats(640, 480));
        }
        for (String name : List.of("scales0", "scales1", "oris0", "oris1")) {
            lightglue.addInputs(rawInput(name, "FP32", 1, 2)).addRawInputContents(floats(1, 1));
        }
        expect(() -> stub.modelInfer(lightglue.build()), Status.Code.INVALID_ARGUMENT,
                "[request id: lg-1] unexpected shape for input 'kpts0' for model 'lightglue'. Expected [1,-1,2], got [1,2,3]. ");
    }

    @Test
    void wrongDatatypesAreRefused() {
        ModelInferRequest request = ModelInferRequest.newBuilder().setModelName("add_sub").setId("req-7")
                .addInputs(rawInput("INPUT0", "INT32", 1, 4)).addRawInputContents(ByteString.copyFrom(new byte[16]))
                .addInputs(rawInput("INPUT1", "FP32", 1, 4)).addRawInputContents(floats(1, 2, 3, 4))
                .build();
        expect(() -> stub.modelInfer(request), Status.Code.INVALID_ARGUMENT,
                "[request id: req-7] inference input 'INPUT0' data-type is 'INT32', but model 'add_sub' expects 'FP32'");

        ModelInferRequest typed = ModelInferRequest.newBuilder().setModelName("add_sub")
                .addInputs(rawInput("INPUT0", "FP32", 1, 4).setContents(InferTensorContents.newBuilder().addAllIntContents(List.of(1, 2, 3, 4))))
                .addInputs(typedInput("INPUT1", 1, 2, 3, 4))
                .build();
        expect(() -> stub.modelInfer(typed), Status.Code.INVALID_ARGUMENT,
                "unexpected explicit tensor data for input tensor 'INPUT0' for model 'add_sub' of type 'INT32', expected datatype 'FP32'");
    }

    @Test
    void malformedRequestsGetTritonsOtherMessages() {
        String log = "[request id: <id_unknown>] ";
        expect(() -> stub.modelInfer(addSub(new long[]{1, 4}, floats(1, 2, 3), floats(1, 2, 3, 4)).build()),
                Status.Code.INVALID_ARGUMENT, log + "input byte size mismatch for input 'INPUT0' for model 'add_sub'. Expected 16, got 12");
        expect(() -> stub.modelInfer(addSub(new long[]{9, 4}, ByteString.copyFrom(new byte[144]), ByteString.copyFrom(new byte[144])).build()),
                Status.Code.INVALID_ARGUMENT, log + "inference request batch-size must be <= 8 for 'add_sub'");
        expect(() -> stub.modelInfer(ModelInferRequest.newBuilder().setModelName("add_sub")
                        .addInputs(rawInput("INPUT0", "FP32", 1, 4)).addRawInputContents(floats(1, 2, 3, 4)).build()),
                Status.Code.INVALID_ARGUMENT, log + "expected 2 inputs but got 1 inputs for model 'add_sub'. Got input(s) "
                        + "['INPUT0'], but missing required input(s) ['INPUT1']. Please provide all required input(s).");
        expect(() -> stub.modelInfer(ModelInferRequest.newBuilder().setModelName("add_sub")
                        .addInputs(rawInput("INPUT0", "FP32", 1, 4)).addRawInputContents(floats(1, 2, 3, 4))
                        .addInputs(rawInput("INPUT9", "FP32", 1, 4)).addRawInputContents(floats(1, 2, 3, 4)).build()),
                Status.Code.INVALID_ARGUMENT, "unexpected inference input 'INPUT9' for model 'add_sub'");
        expect(() -> stub.modelInfer(addSub(new long[]{1, 4}, floats(1, 2, 3, 4), floats(1, 2, 3, 4))
                        .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("OUTPUT7")).build()),
                Status.Code.INVALID_ARGUMENT, "unexpected inference output 'OUTPUT7' for model 'add_sub'");
        expect(() -> stub.modelInfer(ModelInferRequest.newBuilder().setModelName("add_sub")
                        .addInputs(rawInput("INPUT0", "FP32", 1, 4)).addRawInputContents(floats(1, 2, 3, 4))
                        .addInputs(rawInput("INPUT1", "FP32", 1, 4)).build()),
                Status.Code.INVALID_ARGUMENT, "unable to find data for input tensor 'INPUT1' for model 'add_sub' in request.");
        expect(() -> stub.modelInfer(addSub(new long[]{1, 4}, floats(1, 2, 3, 4), floats(1, 2, 3, 4)).setModelVersion("one").build()),
                Status.Code.INVALID_ARGUMENT, "failed to get model version from specified version string 'one', "
                        + "version should be an integral value > 0");
    }

    @Test
    void aConfigurationThatContradictsTheModelMakesItUnavailable(@TempDir Path other) throws IOException {
        assertThat(reasonUnavailable(other, "add_sub", "TYPE_FP32", "TYPE_INT32")).isEqualTo("unable to load model "
                + "'add_sub', configuration expects datatype TYPE_INT32 for input 'INPUT0', model provides TYPE_FP32");
    }

    @Test
    void aConfigurationThatWidensADimensionTheModelFixesIsRefusedAtLoad(@TempDir Path other) throws IOException {
        assertThat(reasonUnavailable(other, "anidoc", "dims: [ 1, 3, 64, 96 ]", "dims: [ 1, 3, -1, -1 ]"))
                .isEqualTo("unable to load model 'anidoc', input 'reference' shape expected by framework [1,3,64,96] "
                        + "doesn't match model configuration shape [1,3,-1,-1]");
    }

    /** Serves a test model whose configuration has its first {@code from} replaced; the reason it is not served. */
    private static String reasonUnavailable(Path repository, String name, String from, String to) throws IOException {
        TestModels.copy(repository, name);
        Path config = repository.resolve(name).resolve("config.pbtxt");
        Files.writeString(config, Files.readString(config).replaceFirst(java.util.regex.Pattern.quote(from), to));
        try (InferenceServer broken = InferenceServer.start(repository, "127.0.0.1", 0)) {
            assertThat(broken.ready()).isFalse();
            ModelState model = broken.models().get(0);
            assertThat(broken.models()).hasSize(1);
            assertThat(model.state()).isEqualTo("UNAVAILABLE");
            return model.reason();
        }
    }

    @Test
    void aRequestAtAnotherSizeThanTheFixedModelGetsInvalidArgumentNamingTheExpectedShape(@TempDir Path other)
            throws IOException, InterruptedException {
        TestModels.copy(other, "anidoc");
        try (InferenceServer fixed = InferenceServer.start(other, "127.0.0.1", 0)) {
            ManagedChannel loopback = NettyChannelBuilder.forAddress("127.0.0.1", fixed.port()).usePlaintext().build();
            try {
                GRPCInferenceServiceBlockingStub client = GRPCInferenceServiceGrpc.newBlockingStub(loopback)
                        .withDeadlineAfter(30, TimeUnit.SECONDS);
                int t = 3;
                int h = 32;
                int w = 48;
                ModelInferRequest request = ModelInferRequest.newBuilder().setModelName("anidoc").setId("small")
                        .addInputs(rawInput("reference", "UINT8", 1, 3, h, w)).addRawInputContents(ByteString.copyFrom(new byte[3 * h * w]))
                        .addInputs(rawInput("sketches", "UINT8", 1, t, 1, h, w)).addRawInputContents(ByteString.copyFrom(new byte[t * h * w]))
                        .addInputs(rawInput("ref_points", "INT32", 1, h, w)).addRawInputContents(ByteString.copyFrom(new byte[4 * h * w]))
                        .addInputs(rawInput("frame_points", "INT32", 1, t, h, w)).addRawInputContents(ByteString.copyFrom(new byte[4 * t * h * w]))
                        .build();
                StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> client.modelInfer(request));
                assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(error.getStatus().getDescription()).isEqualTo("[request id: small] unexpected shape for input "
                        + "'reference' for model 'anidoc'. Expected [1,3,64,96], got [1,3,32,48]. ");
            } finally {
                loopback.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static boolean ready(String model) {
        return stub.modelReady(GrpcService.ModelReadyRequest.newBuilder().setName(model).build()).getReady();
    }

    private static void expect(Executable call, Status.Code code, String message) {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, call);
        assertThat(error.getStatus().getCode()).isEqualTo(code);
        assertThat(error.getStatus().getDescription()).isEqualTo(message);
    }

    private static ModelInferRequest.Builder addSub(long[] shape, ByteString input0, ByteString input1) {
        return ModelInferRequest.newBuilder().setModelName("add_sub")
                .addInputs(rawInput("INPUT0", "FP32", shape)).addRawInputContents(input0)
                .addInputs(rawInput("INPUT1", "FP32", shape)).addRawInputContents(input1);
    }

    private static InferInputTensor.Builder rawInput(String name, String datatype, long... shape) {
        InferInputTensor.Builder input = InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
        for (long dim : shape) {
            input.addShape(dim);
        }
        return input;
    }

    private static InferInputTensor.Builder typedInput(String name, float... values) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (float value : values) {
            contents.addFp32Contents(value);
        }
        return rawInput(name, "FP32", 1, values.length).setContents(contents);
    }

    private static ByteString floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return ByteString.copyFrom(buffer.array());
    }

    private static float[] floatsOf(ByteString bytes) {
        ByteBuffer buffer = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.size() / 4];
        buffer.asFloatBuffer().get(values);
        return values;
    }
}
