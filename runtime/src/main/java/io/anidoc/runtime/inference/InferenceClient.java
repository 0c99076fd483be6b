package io.anidoc.runtime.inference;

import io.anidoc.proto.inference.GRPCInferenceServiceGrpc;
import io.anidoc.proto.inference.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.anidoc.proto.inference.GrpcService;
import io.anidoc.proto.inference.GrpcService.ModelMetadataResponse;
import io.anidoc.proto.inference.GrpcService.ModelMetadataResponse.TensorMetadata;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Client of the KServe v2 gRPC protocol as Triton serves it (plaintext).
 *
 * <p>Every call carries a deadline; calls answered UNAVAILABLE or RESOURCE_EXHAUSTED are retried
 * with exponential backoff and jitter up to {@link InferenceClientConfig#maxAttempts()}; a circuit
 * breaker fails calls fast after repeated failures. Tensors travel as raw little-endian bytes and
 * the inbound message limit is raised from gRPC's 4 MiB. With a {@code dns:///} target the channel
 * balances calls round robin over every address the name resolves to.
 *
 * <p>Thread-safe; create one per target and close it at shutdown.
 */
public final class InferenceClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceClient.class);

    /** Codes worth another attempt: the server is restarting, unreachable or shedding load. */
    private static final Set<Status.Code> RETRYABLE = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.RESOURCE_EXHAUSTED);

    /** Codes that say the server is unhealthy; a rejected request (INVALID_ARGUMENT, NOT_FOUND) does not. */
    private static final Set<Status.Code> BREAKER_FAILURES = EnumSet.of(Status.Code.UNAVAILABLE,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.DEADLINE_EXCEEDED, Status.Code.INTERNAL, Status.Code.UNKNOWN);

    private final InferenceClientConfig config;
    private final ManagedChannel channel;
    private final GRPCInferenceServiceBlockingStub stub;
    private final CircuitBreaker breaker;
    private final RetryBackoff backoff;
    private final InferenceMetrics metrics;

    public InferenceClient(InferenceClientConfig config, MeterRegistry registry) {
        this.config = config;
        this.channel = NettyChannelBuilder.forTarget(config.target())
                .usePlaintext()
                .maxInboundMessageSize(config.maxMessageBytes())
                .defaultLoadBalancingPolicy(config.loadBalancingPolicy())
                .build();
        this.stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
        this.breaker = new CircuitBreaker(config.breakerFailureThreshold(), config.breakerOpenDuration());
        this.backoff = new RetryBackoff(config.initialBackoff(), config.maxBackoff());
        this.metrics = new InferenceMetrics(registry);
    }

    /** A client whose meters are kept privately (tools, tests). */
    public InferenceClient(InferenceClientConfig config) {
        this(config, new SimpleMeterRegistry());
    }

    public InferenceClientConfig config() {
        return config;
    }

    public CircuitBreaker.State breakerState() {
        return breaker.state();
    }

    // ---- health and metadata ---------------------------------------------------------------

    public boolean serverLive() {
        return call(null, "ServerLive", s -> s.serverLive(GrpcService.ServerLiveRequest.getDefaultInstance())).getLive();
    }

    public boolean serverReady() {
        return call(null, "ServerReady", s -> s.serverReady(GrpcService.ServerReadyRequest.getDefaultInstance())).getReady();
    }

    /** Whether the latest version of {@code model} is ready; false for a model the server does not know. */
    public boolean modelReady(String model) {
        return call(model, "ModelReady",
                s -> s.modelReady(GrpcService.ModelReadyRequest.newBuilder().setName(model).build())).getReady();
    }

    public GrpcService.ServerMetadataResponse serverMetadata() {
        return call(null, "ServerMetadata", s -> s.serverMetadata(GrpcService.ServerMetadataRequest.getDefaultInstance()));
    }

    public ModelMetadataResponse modelMetadata(String model) {
        return call(model, "ModelMetadata",
                s -> s.modelMetadata(GrpcService.ModelMetadataRequest.newBuilder().setName(model).build()));
    }

    public ModelConfig modelConfig(String model) {
        return call(model, "ModelConfig",
                s -> s.modelConfig(GrpcService.ModelConfigRequest.newBuilder().setName(model).build())).getConfig();
    }

    /** Every model in the server's repository with its state (READY, UNAVAILABLE, ...) and reason. */
    public List<GrpcService.RepositoryIndexResponse.ModelIndex> repositoryIndex() {
        return call(null, "RepositoryIndex",
                s -> s.repositoryIndex(GrpcService.RepositoryIndexRequest.getDefaultInstance())).getModelsList();
    }

    // ---- inference -------------------------------------------------------------------------

    /** Runs the latest version of {@code model} and returns every output. */
    public InferResult infer(String model, List<Tensor> inputs) {
        return infer(model, inputs, List.of());
    }

    /** Runs the latest version of {@code model}; {@code outputs} empty means all outputs. */
    public InferResult infer(String model, List<Tensor> inputs, List<String> outputs) {
        GrpcService.ModelInferRequest request = WireTensors.request(model, "", "", inputs, outputs);
        return WireTensors.result(call(model, "ModelInfer", s -> s.modelInfer(request)));
    }

    // ---- start-up checks -------------------------------------------------------------------

    /**
     * Fails unless {@code model} is ready and its metadata matches {@code expected}: every expected
     * input and output exists with a datatype the client sends or reads and a compatible shape ({@code -1} on either
     * side matches any size), and the model needs no input the contract does not send.
     *
     * @throws ModelContractException naming the model and each tensor that does not match
     */
    public void verifyModel(String model, ModelContract expected) {
        if (!modelReady(model)) {
            throw new ModelContractException("model '" + model + "' is not ready on " + config.target());
        }
        ModelMetadataResponse metadata = modelMetadata(model);
        List<String> problems = new ArrayList<>();
        compare(model, "input", expected.inputs(), metadata.getInputsList(), problems);
        compare(model, "output", expected.outputs(), metadata.getOutputsList(), problems);
        Set<String> sent = expected.inputs().stream().map(TensorSpec::name).collect(Collectors.toSet());
        for (TensorMetadata input : metadata.getInputsList()) {
            if (!sent.contains(input.getName())) {
                problems.add("model '" + model + "' needs input '" + input.getName() + "' " + describe(input)
                        + ", which the client does not send");
            }
        }
        if (!problems.isEmpty()) {
            throw new ModelContractException("model '" + model + "' on " + config.target()
                    + " does not match the expected contract: " + String.join("; ", problems));
        }
        LOG.info("Model '{}' on {} matches its contract ({} inputs, {} outputs)", model, config.target(),
                expected.inputs().size(), expected.outputs().size());
    }

    private static void compare(String model, String kind, List<TensorSpec> expected, List<TensorMetadata> actual,
                                List<String> problems) {
        Map<String, TensorMetadata> byName = new LinkedHashMap<>();
        actual.forEach(tensor -> byName.put(tensor.getName(), tensor));
        for (TensorSpec spec : expected) {
            TensorMetadata found = byName.get(spec.name());
            if (found == null) {
                problems.add("model '" + model + "' has no " + kind + " '" + spec.name() + "' (" + kind + "s: "
                        + String.join(", ", byName.keySet()) + ")");
                continue;
            }
            if (!spec.accepts(found.getDatatype())) {
                problems.add(kind + " '" + spec.name() + "' has datatype " + found.getDatatype() + ", expected "
                        + spec.acceptedText());
            }
            long[] shape = found.getShapeList().stream().mapToLong(Long::longValue).toArray();
            if (!TensorSpec.shapesCompatible(spec.shape(), shape)) {
                problems.add(kind + " '" + spec.name() + "' has shape " + Tensor.shapeText(shape) + ", expected "
                        + Tensor.shapeText(spec.shape()));
            }
        }
    }

    private static String describe(TensorMetadata tensor) {
        return tensor.getDatatype() + " " + Tensor.shapeText(tensor.getShapeList().stream().mapToLong(Long::longValue).toArray());
    }

    // ---- the call path: breaker, deadline, retries, metrics ---------------------------------

    private <T> T call(String model, String rpc, Function<GRPCInferenceServiceBlockingStub, T> attempt) {
        CircuitBreaker.Permit permit = breaker.acquire();
        if (permit == CircuitBreaker.Permit.REFUSED) {
            metrics.error(model, rpc, "CIRCUIT_OPEN");
            throw new CircuitOpenException("circuit breaker open for " + config.target() + " after "
                    + config.breakerFailureThreshold() + " consecutive failures; " + rpc
                    + (model == null ? "" : " on model '" + model + "'") + " not sent, retry in "
                    + breaker.remainingOpen().toMillis() + " ms", model);
        }
        GRPCInferenceServiceBlockingStub calls = stub;
        if (permit == CircuitBreaker.Permit.TRIAL) {
            // The trial probes a server that was failing: reconnect now and let it wait for the
            // connection (bounded by the deadline) instead of failing on a channel still backing off.
            channel.resetConnectBackoff();
            calls = stub.withWaitForReady();
        }
        long start = System.nanoTime();
        String outcome = "OK";
        boolean reported = false;
        try {
            for (int attemptNumber = 1; ; attemptNumber++) {
                try {
                    T result = attempt.apply(calls.withDeadlineAfter(config.deadline().toNanos(), TimeUnit.NANOSECONDS));
                    breaker.onSuccess();
                    reported = true;
                    return result;
                } catch (StatusRuntimeException e) {
                    Status.Code code = e.getStatus().getCode();
                    if (RETRYABLE.contains(code) && attemptNumber < config.maxAttempts()) {
                        metrics.retry(model, rpc);
                        Duration pause = backoff.delay(attemptNumber, ThreadLocalRandom.current());
                        LOG.debug("{} on {} answered {}, retry {} in {} ms", rpc, config.target(), code,
                                attemptNumber, pause.toMillis());
                        // Our backoff paces the retries: reconnect during the pause rather than after
                        // gRPC's own, longer reconnect backoff.
                        channel.resetConnectBackoff();
                        sleep(pause, model, rpc);
                        continue;
                    }
                    outcome = code.name();
                    if (BREAKER_FAILURES.contains(code)) {
                        breaker.onFailure();
                    } else {
                        breaker.onNeutral();
                    }
                    reported = true;
                    metrics.error(model, rpc, code.name());
                    throw failure(model, rpc, e, attemptNumber);
                }
            }
        } finally {
            if (!reported) {
                breaker.onNeutral();
            }
            metrics.call(model, rpc, outcome, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private InferenceException failure(String model, String rpc, StatusRuntimeException e, int attempts) {
        Status status = e.getStatus();
        String description = status.getDescription() == null ? "" : status.getDescription();
        String message = rpc + (model == null ? "" : " on model '" + model + "'") + " at " + config.target()
                + " failed with " + status.getCode() + (description.isEmpty() ? "" : ": " + description)
                + (attempts > 1 ? " (after " + attempts + " attempts)" : "");
        return new InferenceException(message, status.getCode(), description, model, e);
    }

    private static void sleep(Duration pause, String model, String rpc) {
        try {
            Thread.sleep(pause.toMillis(), (int) (pause.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceException(rpc + " interrupted while waiting to retry", Status.Code.CANCELLED, "", model, e);
        }
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
