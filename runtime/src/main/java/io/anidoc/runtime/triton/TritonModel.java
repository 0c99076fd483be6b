package io.anidoc.runtime.triton;

import io.anidoc.proto.inference.GrpcService.RepositoryIndexResponse.ModelIndex;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.runtime.inference.CircuitBreaker;
import io.anidoc.runtime.inference.InferResult;
import io.anidoc.runtime.inference.InferenceClient;
import io.anidoc.runtime.inference.InferenceClientConfig;
import io.anidoc.runtime.inference.InferenceException;
import io.anidoc.runtime.inference.ModelContract;
import io.anidoc.runtime.inference.ModelContractException;
import io.anidoc.runtime.inference.Tensor;
import io.anidoc.runtime.service.ReadinessCheck;
import io.anidoc.runtime.service.ServiceContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One model on the inference server as a stage engine uses it.
 *
 * <ul>
 *   <li><b>Start-up.</b> {@link #whenVerified} checks the model (ready, metadata against the
 *       contract) and tells the service only once it matches, which then starts its stage worker
 *       (the service owns the worker's life, not the model); until then it tries again
 *       every {@link TritonSettings#waitInterval()}, and the readiness check {@code model} is down
 *       with the problem: server unreachable, model unknown or not loaded (with the server's
 *       reason), or the tensors that differ from the contract.</li>
 *   <li><b>Running.</b> {@link #infer} holds a record back while the server is unavailable
 *       (UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, ABORTED or the circuit breaker open,
 *       after the client's own retries): it tries again every wait interval, so a shot still
 *       finishes when the server returns. A held record is given up, and goes to the dead letter
 *       topic with the cause, after {@link TritonSettings#holdTimeout()}; a request the server
 *       rejects fails at once. Once the service says its worker stopped ({@link #holdOnlyWhile}),
 *       a held record is abandoned without a dead letter and is redone by the next owner of its
 *       partition.</li>
 * </ul>
 */
public final class TritonModel implements AutoCloseable {

    /** Name of the readiness check a stage service registers for its model. */
    public static final String READINESS_CHECK = "model";

    private static final Logger LOG = LoggerFactory.getLogger(TritonModel.class);
    private static final long STOP_POLL_MILLIS = 100;

    private final InferenceClient client;
    private final String name;
    private final ModelContract contract;
    private final TritonSettings settings;
    private final ScheduledExecutorService verifier;
    private final AtomicInteger held = new AtomicInteger();
    private final Object lifecycle = new Object();
    private volatile ModelConfig config;
    private volatile String problem = "not checked yet";
    private volatile BooleanSupplier holding = () -> true;
    private volatile boolean closed;

    public TritonModel(InferenceClient client, String name, ModelContract contract, TritonSettings settings,
                       MeterRegistry registry) {
        this.client = Objects.requireNonNull(client, "client");
        this.name = Objects.requireNonNull(name, "name");
        this.contract = Objects.requireNonNull(contract, "contract");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.verifier = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "verify-model-" + name);
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("anidoc.inference.held.records", held, AtomicInteger::get)
                .description("Records held back while the inference server is unavailable")
                .tag("model", name)
                .register(registry);
    }

    /**
     * The model of a stage service: a client configured by {@code ANIDOC_TRITON_*}, metered in the
     * service's registry, both closed with the service, and the readiness check {@value #READINESS_CHECK}.
     */
    public static TritonModel open(ServiceContext context, String model, ModelContract contract) {
        InferenceClientConfig clientConfig = InferenceClientConfig.from(context.source());
        TritonSettings settings = TritonSettings.from(context.source());
        InferenceClient client = context.onClose(new InferenceClient(clientConfig, context.meterRegistry()));
        TritonModel opened = context.onClose(new TritonModel(client, model, contract, settings, context.meterRegistry()));
        context.readiness(READINESS_CHECK, opened.readiness());
        return opened;
    }

    public String name() {
        return name;
    }

    public InferenceClient client() {
        return client;
    }

    /** The model's configuration once verified. */
    public Optional<ModelConfig> config() {
        return Optional.ofNullable(config);
    }

    /** Why the model is not verified yet; empty once it is. */
    public Optional<String> problem() {
        return config == null ? Optional.of(problem) : Optional.empty();
    }

    /** Records waiting for the server right now. */
    public int heldRecords() {
        return held.get();
    }

    // ---- start-up ----------------------------------------------------------------------------

    /**
     * Verifies the model in the background, again every wait interval until it matches, then calls
     * {@code onVerified} once with the model's configuration. Returns at once; nothing is called
     * after {@link #close}.
     */
    public void whenVerified(Consumer<ModelConfig> onVerified) {
        Objects.requireNonNull(onVerified, "onVerified");
        verifier.execute(() -> attempt(onVerified));
    }

    /** Records are held back for the server only while {@code running} holds (the stage worker still takes records). */
    public void holdOnlyWhile(BooleanSupplier running) {
        this.holding = Objects.requireNonNull(running, "running");
    }

    private void attempt(Consumer<ModelConfig> onVerified) {
        if (closed) {
            return;
        }
        String before = problem;
        if (!verifyNow()) {
            if (!problem.equals(before)) {
                LOG.warn("Model '{}' is not usable yet, trying again every {} ms: {}", name,
                        settings.waitInterval().toMillis(), problem);
            }
            verifier.schedule(() -> attempt(onVerified), settings.waitInterval().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            try {
                onVerified.accept(config);
            } catch (RuntimeException e) {
                problem = "model '" + name + "' is verified but its engine did not start: " + e.getMessage();
                config = null;
                LOG.error("{}", problem, e);
            }
        }
    }

    /** One verification; true when the model is ready and matches its contract. */
    public boolean verifyNow() {
        String target = client.config().target();
        try {
            if (!client.modelReady(name)) {
                problem = notReady(target);
                return false;
            }
            client.verifyModel(name, contract);
            config = client.modelConfig(name);
            return true;
        } catch (ModelContractException e) {
            problem = e.getMessage();
        } catch (InferenceException e) {
            problem = "cannot reach model '" + name + "' on the inference server " + target + ": " + e.getMessage();
        } catch (RuntimeException e) {
            problem = "cannot verify model '" + name + "' on " + target + ": " + e;
        }
        return false;
    }

    /** Why a model is not ready, in the server's words where it has some. */
    private String notReady(String target) {
        List<ModelIndex> index = client.repositoryIndex();
        for (ModelIndex model : index) {
            if (model.getName().equals(name)) {
                return "model '" + name + "' is " + model.getState() + " on " + target
                        + (model.getReason().isEmpty() ? "" : ": " + model.getReason());
            }
        }
        return "model '" + name + "' is not in the model repository of " + target + " (models: "
                + index.stream().map(ModelIndex::getName).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Down until the model is verified (naming the problem), and while the server is unavailable:
     * records are held back or the circuit breaker is not closed. Up with the model, the server,
     * the breaker state and the records held back.
     */
    public ReadinessCheck readiness() {
        return () -> {
            if (config == null) {
                return Future.failedFuture(problem);
            }
            CircuitBreaker.State breaker = client.breakerState();
            int holding = held.get();
            if (breaker != CircuitBreaker.State.CLOSED || holding > 0) {
                return Future.failedFuture("model '" + name + "' on " + client.config().target()
                        + " is unavailable (circuit breaker " + breaker.name().toLowerCase(java.util.Locale.ROOT)
                        + "); " + holding + " record(s) held back");
            }
            return Future.succeededFuture(new JsonObject()
                    .put("model", name)
                    .put("target", client.config().target())
                    .put("breaker", breaker.name())
                    .put("heldRecords", holding));
        };
    }

    // ---- inference -----------------------------------------------------------------------------

    /**
     * Runs the model, holding the calling record back while the server is unavailable.
     *
     * @throws InferenceException   when the server rejects the request, or stays unavailable for
     *                              longer than the hold timeout
     * @throws InterruptedException when the stage stops while the record is held (it is redone later)
     */
    public InferResult infer(List<Tensor> inputs) throws InterruptedException {
        long start = System.nanoTime();
        boolean holding = false;
        try {
            while (true) {
                try {
                    InferResult result = client.infer(name, inputs);
                    if (holding) {
                        LOG.info("Model '{}' answers again; a held record goes on after {} ms", name,
                                Duration.ofNanos(System.nanoTime() - start).toMillis());
                    }
                    return result;
                } catch (InferenceException e) {
                    if (!TransientFailures.isTransient(e)) {
                        throw e;
                    }
                    Duration waited = Duration.ofNanos(System.nanoTime() - start);
                    if (!settings.holdTimeout().isZero() && waited.compareTo(settings.holdTimeout()) >= 0) {
                        throw new InferenceException("model '" + name + "' stayed unavailable for " + waited.toSeconds()
                                + " s, longer than " + TritonSettings.HOLD_TIMEOUT.name() + "=" + settings.holdTimeout()
                                + ": " + e.getMessage(), e.code(), e.serverMessage(), name, e);
                    }
                    if (!holding) {
                        holding = true;
                        held.incrementAndGet();
                        LOG.warn("Model '{}' is unavailable ({}); holding the record and trying again every {} ms",
                                name, e.getMessage(), settings.waitInterval().toMillis());
                    }
                    pause();
                }
            }
        } finally {
            if (holding) {
                held.decrementAndGet();
            }
        }
    }

    /** Waits one interval; gives the record up when the stage stops meanwhile. */
    private void pause() throws InterruptedException {
        long end = System.nanoTime() + settings.waitInterval().toNanos();
        while (true) {
            if (stopRequested()) {
                throw new InterruptedException("the stage stopped while a record waited for model '" + name + "'");
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(STOP_POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
        }
    }

    private boolean stopRequested() {
        return closed || !holding.getAsBoolean();
    }

    /** Stops verifying and holding records. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
        }
        verifier.shutdownNow();
        try {
            verifier.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
