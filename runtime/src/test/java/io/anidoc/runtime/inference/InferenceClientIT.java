package io.anidoc.runtime.inference;

import io.anidoc.proto.inference.GrpcService.ModelMetadataResponse;
import io.anidoc.proto.inference.GrpcService.RepositoryIndexResponse.ModelIndex;
import io.anidoc.embedded.inference.InferenceServer;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The client against the embedded server over real gRPC on loopback. */
class InferenceClientIT {

    @TempDir
    static Path repository;

    private static InferenceServer server;
    private static SimpleMeterRegistry registry;
    private static InferenceClient client;

    @BeforeAll
    static void start() throws IOException {
        TestModels.copy(repository, "add_sub", "dtypes", "lightglue", "lightglue_fp32", "cotracker");
        Files.createDirectories(repository.resolve("anidoc").resolve("1"));
        Files.writeString(repository.resolve("anidoc").resolve("config.pbtxt"), "name: \"anidoc\"\nbackend: \"python\"\n");
        server = InferenceServer.start(repository, "127.0.0.1", 0);
        registry = new SimpleMeterRegistry();
        client = new InferenceClient(InferenceClientConfig.forTarget("127.0.0.1:" + server.port()), registry);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void reportsHealthAndTheRepository() {
        assertThat(client.serverLive()).isTrue();
        assertThat(client.serverReady()).isTrue();
        assertThat(client.modelReady("add_sub")).isTrue();
        assertThat(client.modelReady("anidoc")).isFalse();
        assertThat(client.repositoryIndex()).extracting(ModelIndex::getName, ModelIndex::getState).containsExactly(
                org.assertj.core.groups.Tuple.tuple("add_sub", "READY"),
                org.assertj.core.groups.Tuple.tuple("anidoc", "UNAVAILABLE"),
                org.assertj.core.groups.Tuple.tuple("cotracker", "READY"),
                org.assertj.core.groups.Tuple.tuple("dtypes", "READY"),
                org.assertj.core.groups.Tuple.tuple("lightglue", "READY"),
                org.assertj.core.groups.Tuple.tuple("lightglue_fp32", "READY"));
        ModelMetadataResponse metadata = client.modelMetadata("add_sub");
        assertThat(metadata.getInputs(1).getName()).isEqualTo("INPUT1");
        assertThat(metadata.getInputs(1).getShapeList()).containsExactly(-1L, 4L);
        assertThat(client.modelConfig("add_sub").getMaxBatchSize()).isEqualTo(8);
        assertThat(client.serverMetadata().getExtensionsList()).contains("model_repository");
    }

    @Test
    void addsAndSubtracts() {
        long[] shape = {2, 4};
        InferResult result = client.infer("add_sub", List.of(
                Tensor.fromFloats("INPUT0", shape, 1, 2, 3, 4, 5, 6, 7, 8),
                Tensor.fromFloats("INPUT1", shape, 0.5f, 0.5f, 0.5f, 0.5f, 10, 20, 30, 40)));
        assertThat(result.model()).isEqualTo("add_sub");
        assertThat(result.modelVersion()).isEqualTo("1");
        assertThat(result.output("OUTPUT0").shape()).containsExactly(2, 4);
        assertThat(result.output("OUTPUT0").toFloats()).containsExactly(1.5f, 2.5f, 3.5f, 4.5f, 15, 26, 37, 48);
        assertThat(result.output("OUTPUT1").toFloats()).containsExactly(0.5f, 1.5f, 2.5f, 3.5f, -5, -14, -23, -32);

        InferResult onlyDifference = client.infer("add_sub", List.of(
                Tensor.fromFloats("INPUT0", new long[]{1, 4}, 1, 1, 1, 1),
                Tensor.fromFloats("INPUT1", new long[]{1, 4}, 1, 2, 3, 4)), List.of("OUTPUT1"));
        assertThat(onlyDifference.outputs().keySet()).containsExactly("OUTPUT1");
        assertThat(onlyDifference.output("OUTPUT1").toFloats()).containsExactly(0, -1, -2, -3);
        assertThatThrownBy(() -> onlyDifference.output("OUTPUT0"))
                .hasMessage("model 'add_sub' returned no output 'OUTPUT0' (outputs: OUTPUT1)");

        assertThat(registry.get("anidoc.inference.call").tags("model", "add_sub", "rpc", "ModelInfer", "outcome", "OK")
                .timer().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void roundTripsEveryDatatypeWithExactHalfFloats() {
        // Values a half holds exactly, doubled by the model: normals, subnormals, signs, the largest.
        float[] halves = {0f, -0f, 1f, -1.5f, 0.333251953125f, 0x1p-24f, 0x1p-14f, 1023.5f, 32752f, -0.0009765625f};
        InferResult result = client.infer("dtypes", List.of(
                Tensor.fromFloatsAsFp16("x_fp16", new long[]{halves.length}, halves),
                Tensor.fromUint8("x_uint8", new long[]{3}, (byte) 0, (byte) 128, (byte) 255),
                Tensor.fromBooleans("x_bool", new long[]{2}, true, false),
                Tensor.fromInts("x_int32", new long[]{3}, -1, 0, Integer.MAX_VALUE - 1),
                Tensor.fromLongs("x_int64", new long[]{2}, -3L, 1L << 40)));

        Tensor doubled = result.output("y_fp16");
        assertThat(doubled.datatype()).isEqualTo(Datatype.FP16);
        float[] expected = new float[halves.length];
        for (int i = 0; i < halves.length; i++) {
            expected[i] = 2 * halves[i];
        }
        assertThat(doubled.toFloats()).containsExactly(expected);
        assertThat(Float.floatToIntBits(doubled.toFloats()[1])).isEqualTo(Float.floatToIntBits(-0f));
        assertThat(result.output("y_uint8").toUint8()).containsExactly((byte) 0, (byte) 128, (byte) 255);
        assertThat(result.output("y_bool").toBooleans()).containsExactly(false, true);
        assertThat(result.output("y_int32").toInts()).containsExactly(0, 1, Integer.MAX_VALUE);
        assertThat(result.output("y_int64").toLongs()).containsExactly(-9L, 3L << 40);
    }

    @Test
    void tensorsAboveGrpcsDefaultLimitRoundTrip() {
        int count = 3_000_000; // 6 MB each way, above gRPC's 4 MiB default
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (i % 2048) / 4f;   // quarters below 512: exact in FP16, and so are their doubles
        }
        Tensor big = Tensor.fromFloatsAsFp16("x_fp16", new long[]{count}, values);
        assertThat(big.byteSize()).isGreaterThan(4 * 1024 * 1024);
        List<Tensor> inputs = new ArrayList<>(List.of(big,
                Tensor.fromUint8("x_uint8", new long[]{1}, (byte) 1),
                Tensor.fromBooleans("x_bool", new long[]{1}, true),
                Tensor.fromInts("x_int32", new long[]{1}, 1),
                Tensor.fromLongs("x_int64", new long[]{1}, 1L)));

        float[] back = client.infer("dtypes", inputs, List.of("y_fp16")).output("y_fp16").toFloats();
        assertThat(back).hasSize(count);
        for (int i = 0; i < count; i += 997) {
            assertThat(back[i]).isEqualTo(2 * values[i]);
        }
        assertThat(back[count - 1]).isEqualTo(2 * values[count - 1]);

        // With gRPC's default 4 MiB inbound limit the same answer is refused.
        InferenceClientConfig small = InferenceClientConfig.forTarget("127.0.0.1:" + server.port())
                .withMaxMessageBytes(4 * 1024 * 1024).withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10));
        try (InferenceClient limited = new InferenceClient(small)) {
            InferenceException refused = catchThrowableOfType(InferenceException.class,
                    () -> limited.infer("dtypes", inputs, List.of("y_fp16")));
            assertThat(refused.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        }
    }

    @Test
    void errorsCarryTritonsCodeAndMessage() {
        InferenceException unknown = catchThrowableOfType(InferenceException.class, () -> client.infer("no_such_model",
                List.of(Tensor.fromFloats("INPUT0", new long[]{1, 4}, 1, 2, 3, 4))));
        assertThat(unknown.code()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(unknown.serverMessage()).isEqualTo("Request for unknown model: 'no_such_model' is not found");
        assertThat(unknown.model()).isEqualTo("no_such_model");
        assertThat(unknown).hasMessageStartingWith("ModelInfer on model 'no_such_model' at 127.0.0.1:")
                .hasMessageEndingWith("failed with NOT_FOUND: Request for unknown model: 'no_such_model' is not found");

        InferenceException shape = catchThrowableOfType(InferenceException.class, () -> client.infer("add_sub", List.of(
                Tensor.fromFloats("INPUT0", new long[]{4}, 1, 2, 3, 4),
                Tensor.fromFloats("INPUT1", new long[]{4}, 1, 2, 3, 4))));
        assertThat(shape.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(shape.serverMessage()).startsWith(
                "[request id: <id_unknown>] unexpected shape for input 'INPUT0' for model 'add_sub'. Expected [-1,4], got [4]. NOTE:");

        InferenceException datatype = catchThrowableOfType(InferenceException.class, () -> client.infer("add_sub", List.of(
                Tensor.fromFloatsAsFp16("INPUT0", new long[]{1, 4}, 1, 2, 3, 4),
                Tensor.fromFloats("INPUT1", new long[]{1, 4}, 1, 2, 3, 4))));
        assertThat(datatype.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(datatype.serverMessage()).isEqualTo(
                "[request id: <id_unknown>] inference input 'INPUT0' data-type is 'FP16', but model 'add_sub' expects 'FP32'");

        // Rejected requests say nothing about the server's health: the breaker stays closed.
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> client.modelMetadata("no_such_model")).isInstanceOf(InferenceException.class);
        }
        assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(registry.get("anidoc.inference.errors").tags("model", "no_such_model", "code", "NOT_FOUND")
                .counters()).isNotEmpty();
    }

    @Test
    void verifiesModelContractsAtStartUp() {
        client.verifyModel("lightglue", ModelContracts.lightglue());
        client.verifyModel("cotracker", ModelContracts.cotracker());

        ModelContract wrong = new ModelContract(
                List.of(TensorSpec.of("kpts0", Datatype.FP32, 1, -1, 3),
                        TensorSpec.of("kpts1", Datatype.FP32, 1, -1, 2),
                        TensorSpec.of("desc0", Datatype.FP16, 1, -1, 128),
                        TensorSpec.of("desc1", Datatype.FP32, -1, -1, -1)),
                List.of(TensorSpec.of("matches1", Datatype.INT64, -1)));
        assertThatThrownBy(() -> client.verifyModel("lightglue", wrong))
                .isInstanceOf(ModelContractException.class)
                .hasMessageContaining("model 'lightglue' on 127.0.0.1:")
                .hasMessageContaining("input 'kpts0' has shape [1,-1,2], expected [1,-1,3]")
                .hasMessageContaining("input 'desc0' has datatype FP32, expected FP16")
                .hasMessageContaining("model 'lightglue' has no output 'matches1' (outputs: matches0, mscores0)")
                .hasMessageContaining("model 'lightglue' needs input 'image_size0' FP32 [1,2], which the client does not send")
                .hasMessageNotContaining("'kpts1'")
                .hasMessageNotContaining("input 'desc1'");

        // matches0 served as FP32 is accepted (the matcher converts it); a contract without the
        // alternative names both datatypes it would have taken
        client.verifyModel("lightglue_fp32", ModelContracts.lightglue());
        ModelContract int64Only = new ModelContract(ModelContracts.lightglue().inputs(),
                List.of(TensorSpec.of("matches0", Datatype.INT64, -1), TensorSpec.of("mscores0", Datatype.FP32, -1)));
        assertThatThrownBy(() -> client.verifyModel("lightglue_fp32", int64Only))
                .isInstanceOf(ModelContractException.class)
                .hasMessageContaining("output 'matches0' has datatype FP32, expected INT64");
        ModelContract fp16 = new ModelContract(ModelContracts.lightglue().inputs(),
                List.of(TensorSpec.of("matches0", Datatype.INT32, -1).orAlso(Datatype.FP16),
                        TensorSpec.of("mscores0", Datatype.FP32, -1)));
        assertThatThrownBy(() -> client.verifyModel("lightglue", fp16))
                .isInstanceOf(ModelContractException.class)
                .hasMessageContaining("output 'matches0' has datatype INT64, expected INT32 or FP16");

        assertThatThrownBy(() -> client.verifyModel("anidoc", ModelContracts.cotracker()))
                .isInstanceOf(ModelContractException.class)
                .hasMessageStartingWith("model 'anidoc' is not ready on 127.0.0.1:");
    }

    @Test
    void aCallPastItsDeadlineFailsWithoutRetrying() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        InferenceClientConfig hurried = InferenceClientConfig.forTarget("127.0.0.1:" + server.port())
                .withDeadline(Duration.ofNanos(1));
        try (InferenceClient impatient = new InferenceClient(hurried, own)) {
            InferenceException late = catchThrowableOfType(InferenceException.class, () -> impatient.infer("add_sub", List.of(
                    Tensor.fromFloats("INPUT0", new long[]{1, 4}, 1, 2, 3, 4),
                    Tensor.fromFloats("INPUT1", new long[]{1, 4}, 1, 2, 3, 4))));
            assertThat(late.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
            assertThat(own.find("anidoc.inference.retries").counters()).isEmpty();
            assertThat(own.get("anidoc.inference.errors").tags("model", "add_sub", "code", "DEADLINE_EXCEEDED")
                    .counter().count()).isEqualTo(1);
        }
    }
}
