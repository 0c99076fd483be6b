package io.anidoc.runtime.triton;

import io.anidoc.runtime.inference.InferResult;
import io.anidoc.runtime.inference.InferenceClient;
import io.anidoc.runtime.inference.InferenceClientConfig;
import io.anidoc.runtime.inference.InferenceException;
import io.anidoc.runtime.inference.ModelContract;
import io.anidoc.runtime.inference.Tensor;
import io.anidoc.runtime.inference.TensorSpec;
import io.anidoc.embedded.inference.InferenceServer;
import io.anidoc.runtime.testing.TestModelRepository;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.anidoc.runtime.inference.Datatype.FP32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** A stage engine's model against the embedded server: verification, holding records, giving up. */
class TritonModelIT {

    private static final ModelContract ADD_SUB = new ModelContract(
            List.of(TensorSpec.of("INPUT0", FP32, -1, 4), TensorSpec.of("INPUT1", FP32, -1, 4)),
            List.of(TensorSpec.of("OUTPUT0", FP32, -1, 4), TensorSpec.of("OUTPUT1", FP32, -1, 4)));

    @TempDir
    Path repository;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void verifiesAModelThatMatchesItsContractAndReadsItsConfiguration() throws Exception {
        InferenceServer server = serve(0);
        TritonModel model = model(server.port(), "add_sub", ADD_SUB, TritonSettings.defaults());

        assertThat(model.problem()).contains("not checked yet");
        assertThat(model.verifyNow()).isTrue();
        assertThat(model.problem()).isEmpty();
        assertThat(model.config().orElseThrow().getMaxBatchSize()).isEqualTo(8);
        assertThat(model.infer(inputs(1)).output("OUTPUT0").toFloats()).containsExactly(2, 4, 6, 8);
    }

    @Test
    void namesWhatIsWrongWhenTheModelCannotBeUsed() throws Exception {
        InferenceServer server = serve(0);
        TritonModel unknown = model(server.port(), "mul_div", ADD_SUB, TritonSettings.defaults());
        assertThat(unknown.verifyNow()).isFalse();
        assertThat(unknown.problem()).contains("model 'mul_div' is not in the model repository of 127.0.0.1:"
                + server.port() + " (models: add_sub)");

        ModelContract wide = new ModelContract(
                List.of(TensorSpec.of("INPUT0", FP32, -1, 8), TensorSpec.of("INPUT1", FP32, -1, 4)),
                List.of(TensorSpec.of("OUTPUT0", FP32, -1, 4)));
        TritonModel mismatch = model(server.port(), "add_sub", wide, TritonSettings.defaults());
        assertThat(mismatch.verifyNow()).isFalse();
        assertThat(mismatch.problem().orElseThrow()).contains("input 'INPUT0' has shape [-1,4], expected [-1,8]");
        assertThat(mismatch.config()).isEmpty();
    }

    @Test
    void holdsACallWhileTheServerIsAwayAndGoesOnWhenItReturns() throws Exception {
        InferenceServer server = serve(0);
        int port = server.port();
        TritonModel model = model(port, "add_sub", ADD_SUB, new TritonSettings(Duration.ofMillis(100), Duration.ZERO));
        // the first call also connects, which a loaded machine may not do within the short deadline
        await().atMost(Duration.ofSeconds(20)).until(model::verifyNow);
        stop(server);

        CompletableFuture<InferResult> call = CompletableFuture.supplyAsync(() -> {
            try {
                return model.infer(inputs(3));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> model.heldRecords() == 1
                && registry.find("anidoc.inference.errors").tags("code", "CIRCUIT_OPEN").counter() != null);
        assertThat(call).isNotDone();
        assertThat(registry.get("anidoc.inference.held.records").gauge().value()).isEqualTo(1.0);

        serve(port);
        assertThat(call.get(30, TimeUnit.SECONDS).output("OUTPUT0").toFloats()).containsExactly(6, 12, 18, 24);
        assertThat(model.heldRecords()).isZero();
    }

    @Test
    void givesAHeldCallUpAfterTheHoldTimeout() throws Exception {
        InferenceServer server = serve(0);
        TritonModel model = model(server.port(), "add_sub", ADD_SUB,
                new TritonSettings(Duration.ofMillis(100), Duration.ofMillis(800)));
        stop(server);

        long start = System.nanoTime();
        InferenceException failure = catchThrowableOfType(InferenceException.class, () -> model.infer(inputs(1)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        // the last try was refused, timed out waiting for the server, or found it unreachable
        assertThat(failure.code()).isIn(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);
        assertThat(failure).hasMessageStartingWith("model 'add_sub' stayed unavailable for ")
                .hasMessageContaining("longer than ANIDOC_TRITON_HOLD_TIMEOUT=PT0.8S");
        assertThat(model.heldRecords()).isZero();
    }

    @Test
    void aRejectedRequestFailsAtOnce() throws Exception {
        InferenceServer server = serve(0);
        TritonModel model = model(server.port(), "add_sub", ADD_SUB, TritonSettings.defaults());
        List<Tensor> wrongShape = List.of(Tensor.fromFloats("INPUT0", new long[] {1, 3}, 1, 2, 3),
                Tensor.fromFloats("INPUT1", new long[] {1, 3}, 1, 2, 3));

        InferenceException failure = catchThrowableOfType(InferenceException.class, () -> model.infer(wrongShape));
        assertThat(failure.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(failure.getMessage()).contains("INPUT0");
        assertThat(model.heldRecords()).isZero();
    }

    @Test
    void closingTheModelEndsAHeldCallWithoutAnAnswer() throws Exception {
        InferenceServer server = serve(0);
        TritonModel model = model(server.port(), "add_sub", ADD_SUB, new TritonSettings(Duration.ofMillis(200), Duration.ZERO));
        stop(server);
        CompletableFuture<InferResult> call = CompletableFuture.supplyAsync(() -> {
            try {
                return model.infer(inputs(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> model.heldRecords() == 1);
        model.close();

        ExecutionException ended = catchThrowableOfType(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        assertThat(ended.getCause()).hasMessage("interrupted").hasCauseInstanceOf(InterruptedException.class);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private InferenceServer serve(int port) throws Exception {
        TestModelRepository.copy(repository, "add_sub");
        InferenceServer server = InferenceServer.start(repository, "127.0.0.1", port);
        open.add(server);
        return server;
    }

    private void stop(InferenceServer server) {
        open.remove(server);
        server.close();
    }

    private TritonModel model(int port, String name, ModelContract contract, TritonSettings settings) {
        // a short deadline: the breaker's trial call waits for the server that long
        InferenceClientConfig config = InferenceClientConfig.forTarget("127.0.0.1:" + port)
                .withDeadline(Duration.ofMillis(500))
                .withRetries(2, Duration.ofMillis(20), Duration.ofMillis(50))
                .withBreaker(2, Duration.ofMillis(300));
        InferenceClient client = new InferenceClient(config, registry);
        TritonModel model = new TritonModel(client, name, contract, settings, registry);
        open.add(client);
        open.add(model);
        return model;
    }

    private static List<Tensor> inputs(float factor) {
        return List.of(Tensor.fromFloats("INPUT0", new long[] {1, 4}, factor, 2 * factor, 3 * factor, 4 * factor),
                Tensor.fromFloats("INPUT1", new long[] {1, 4}, factor, 2 * factor, 3 * factor, 4 * factor));
    }
}
