package io.anidoc.runtime.inference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * Meters of the inference client, tagged {@code model} ({@code -} for server-wide calls) and
 * {@code rpc}: {@code anidoc_inference_call_seconds} (whole call, retries included, tagged
 * {@code outcome}: OK or the gRPC code), {@code anidoc_inference_errors_total} (failed calls, tagged
 * {@code code}, {@code CIRCUIT_OPEN} for calls the breaker refused) and
 * {@code anidoc_inference_retries_total}.
 */
final class InferenceMetrics {

    static final String CALLS = "anidoc.inference.call";
    static final String ERRORS = "anidoc.inference.errors";
    static final String RETRIES = "anidoc.inference.retries";

    private final MeterRegistry registry;

    InferenceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void call(String model, String rpc, String outcome, Duration took) {
        Timer.builder(CALLS)
                .description("Inference calls to Triton, retries included")
                .tags("model", tag(model), "rpc", rpc, "outcome", outcome)
                .register(registry)
                .record(took);
    }

    void error(String model, String rpc, String code) {
        Counter.builder(ERRORS)
                .description("Failed inference calls")
                .tags("model", tag(model), "rpc", rpc, "code", code)
                .register(registry)
                .increment();
    }

    void retry(String model, String rpc) {
        Counter.builder(RETRIES)
                .description("Retried attempts of inference calls")
                .tags("model", tag(model), "rpc", rpc)
                .register(registry)
                .increment();
    }

    private static String tag(String model) {
        return model == null ? "-" : model;
    }
}
