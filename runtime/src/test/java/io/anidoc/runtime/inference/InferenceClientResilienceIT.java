package io.anidoc.runtime.inference;

import io.anidoc.embedded.inference.InferenceServer;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Retries and the circuit breaker against a server that goes away and comes back on the same port. */
class InferenceClientResilienceIT {

    @TempDir
    Path repository;

    @Test
    void aRetryingCallSurvivesAServerRestart() throws Exception {
        TestModels.copy(repository, "add_sub");
        int port;
        try (InferenceServer first = InferenceServer.start(repository, "127.0.0.1", 0)) {
            port = first.port();
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InferenceClientConfig config = InferenceClientConfig.forTarget("127.0.0.1:" + port)
                .withDeadline(Duration.ofSeconds(10))
                .withRetries(20, Duration.ofMillis(50), Duration.ofMillis(300));
        try (InferenceClient client = new InferenceClient(config, registry)) {
            CompletableFuture<InferResult> call = CompletableFuture.supplyAsync(() -> client.infer("add_sub", addSubInputs()));
            // The call starts against a stopped server and keeps retrying ...
            await().atMost(Duration.ofSeconds(10)).until(() -> retries(registry) >= 2);
            assertThat(call).isNotDone();
            // ... until the server is back on the same port.
            try (InferenceServer second = InferenceServer.start(repository, "127.0.0.1", port)) {
                InferResult result = call.get(30, TimeUnit.SECONDS);
                assertThat(result.output("OUTPUT0").toFloats()).containsExactly(2, 4, 6, 8);
                assertThat(retries(registry)).isGreaterThan(0);
                assertThat(registry.get("anidoc.inference.call").tags("model", "add_sub", "outcome", "OK")
                        .timer().count()).isEqualTo(1);
                assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
            }
        }
    }

    @Test
    void theBreakerOpensFailsFastAndClosesWhenTheServerReturns() throws IOException {
        TestModels.copy(repository, "add_sub");
        InferenceServer server = InferenceServer.start(repository, "127.0.0.1", 0);
        int port = server.port();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InferenceClientConfig config = InferenceClientConfig.forTarget("127.0.0.1:" + port)
                .withDeadline(Duration.ofSeconds(10))
                .withRetries(1, Duration.ofMillis(10), Duration.ofMillis(10))
                .withBreaker(2, Duration.ofMillis(700));
        try (InferenceClient client = new InferenceClient(config, registry)) {
            assertThat(client.infer("add_sub", addSubInputs()).output("OUTPUT1").toFloats()).containsExactly(0, 0, 0, 0);
            server.close();

            for (int i = 0; i < 2; i++) {
                InferenceException down = catchThrowableOfType(InferenceException.class,
                        () -> client.infer("add_sub", addSubInputs()));
                assertThat(down).isNotInstanceOf(CircuitOpenException.class);
                assertThat(down.code()).isEqualTo(Status.Code.UNAVAILABLE);
            }
            assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);

            CircuitOpenException fast = catchThrowableOfType(CircuitOpenException.class,
                    () -> client.infer("add_sub", addSubInputs()));
            assertThat(fast).hasMessageStartingWith("circuit breaker open for 127.0.0.1:" + port
                    + " after 2 consecutive failures; ModelInfer on model 'add_sub' not sent, retry in ");
            assertThat(registry.get("anidoc.inference.errors").tags("model", "add_sub", "code", "CIRCUIT_OPEN")
                    .counter().count()).isEqualTo(1);
            assertThat(registry.get("anidoc.inference.errors").tags("model", "add_sub", "code", "UNAVAILABLE")
                    .counter().count()).isEqualTo(2);

            server = InferenceServer.start(repository, "127.0.0.1", port);
            await().atMost(Duration.ofSeconds(5)).until(() -> client.breakerState() == CircuitBreaker.State.HALF_OPEN);
            // The trial call goes through, succeeds and closes the breaker.
            assertThat(client.infer("add_sub", addSubInputs()).output("OUTPUT0").toFloats()).containsExactly(2, 4, 6, 8);
            assertThat(client.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(client.modelReady("add_sub")).isTrue();
        } finally {
            server.close();
        }
    }

    private static List<Tensor> addSubInputs() {
        return List.of(Tensor.fromFloats("INPUT0", new long[]{1, 4}, 1, 2, 3, 4),
                Tensor.fromFloats("INPUT1", new long[]{1, 4}, 1, 2, 3, 4));
    }

    private static double retries(SimpleMeterRegistry registry) {
        return registry.find("anidoc.inference.retries").tags("model", "add_sub").counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }
}
