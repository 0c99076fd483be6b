package io.anidoc.runtime.inference;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.Setting;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How services reach Triton over gRPC.
 *
 * @param target                  gRPC target: {@code host:port}, or {@code dns:///service:port} so that
 *                                every address behind a headless service gets its own connection
 * @param deadline                deadline of each attempt of a call
 * @param maxMessageBytes         largest message accepted from the server (gRPC's default is 4 MiB)
 * @param maxAttempts             attempts per call, the first included; only UNAVAILABLE and
 *                                RESOURCE_EXHAUSTED are retried
 * @param initialBackoff          pause before the first retry; doubles for each further retry, with jitter
 * @param maxBackoff              longest pause between retries
 * @param breakerFailureThreshold consecutive failed calls that open the circuit breaker
 * @param breakerOpenDuration     how long an open breaker fails calls fast before letting a trial call through
 * @param loadBalancingPolicy     {@code round_robin} (spread calls over all resolved addresses) or
 *                                {@code pick_first}
 */
public record InferenceClientConfig(
        String target,
        Duration deadline,
        int maxMessageBytes,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        int breakerFailureThreshold,
        Duration breakerOpenDuration,
        String loadBalancingPolicy) {

    public static final Setting TARGET = Setting.of("ANIDOC_TRITON_TARGET", "localhost:8001",
            "gRPC target of Triton, e.g. localhost:8001 or dns:///triton-headless:8001 (round robin over all pods).");
    public static final Setting DEADLINE = Setting.of("ANIDOC_TRITON_DEADLINE", "30s",
            "Deadline of each attempt of a Triton call.");
    public static final Setting MAX_MESSAGE_BYTES = Setting.of("ANIDOC_TRITON_MAX_MESSAGE_BYTES", "1073741824",
            "Largest gRPC message accepted from Triton in bytes (1 GiB; gRPC's own default is 4 MiB).");
    public static final Setting MAX_ATTEMPTS = Setting.of("ANIDOC_TRITON_RETRY_MAX_ATTEMPTS", "4",
            "Attempts per Triton call, the first included; only UNAVAILABLE and RESOURCE_EXHAUSTED are retried.");
    public static final Setting INITIAL_BACKOFF = Setting.of("ANIDOC_TRITON_RETRY_INITIAL_BACKOFF", "100ms",
            "Pause before the first retry; doubles per retry, with jitter.");
    public static final Setting MAX_BACKOFF = Setting.of("ANIDOC_TRITON_RETRY_MAX_BACKOFF", "2s",
            "Longest pause between retries.");
    public static final Setting BREAKER_FAILURE_THRESHOLD = Setting.of("ANIDOC_TRITON_BREAKER_FAILURE_THRESHOLD", "5",
            "Consecutive failed Triton calls that open the circuit breaker.");
    public static final Setting BREAKER_OPEN_DURATION = Setting.of("ANIDOC_TRITON_BREAKER_OPEN_DURATION", "10s",
            "How long an open circuit breaker fails calls fast before it lets one trial call through.");
    public static final Setting LOAD_BALANCING = Setting.of("ANIDOC_TRITON_LOAD_BALANCING", "round_robin",
            "gRPC load balancing over the target's addresses: round_robin or pick_first.");

    public static final List<Setting> SETTINGS = List.of(TARGET, DEADLINE, MAX_MESSAGE_BYTES, MAX_ATTEMPTS,
            INITIAL_BACKOFF, MAX_BACKOFF, BREAKER_FAILURE_THRESHOLD, BREAKER_OPEN_DURATION, LOAD_BALANCING);

    private static final List<String> POLICIES = List.of("round_robin", "pick_first");

    public InferenceClientConfig {
        Objects.requireNonNull(target, "target");
        if (target.isBlank()) {
            throw new IllegalArgumentException("target must not be blank");
        }
        requirePositive("deadline", deadline);
        requirePositive("initialBackoff", initialBackoff);
        requirePositive("maxBackoff", maxBackoff);
        requirePositive("breakerOpenDuration", breakerOpenDuration);
        if (maxMessageBytes < 4 * 1024 * 1024) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes + " is below gRPC's 4 MiB default");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (breakerFailureThreshold < 1) {
            throw new IllegalArgumentException("breakerFailureThreshold must be at least 1, got " + breakerFailureThreshold);
        }
        if (!POLICIES.contains(loadBalancingPolicy)) {
            throw new IllegalArgumentException("loadBalancingPolicy must be one of " + POLICIES + ", got " + loadBalancingPolicy);
        }
    }

    public static InferenceClientConfig from(ConfigSource source) {
        String policy = source.string(LOAD_BALANCING);
        if (!POLICIES.contains(policy)) {
            throw new ConfigException(LOAD_BALANCING.name() + "=" + policy + ": must be one of " + String.join(", ", POLICIES));
        }
        return new InferenceClientConfig(
                source.string(TARGET),
                positive(source, DEADLINE),
                source.integer(MAX_MESSAGE_BYTES, 4 * 1024 * 1024, Integer.MAX_VALUE),
                source.integer(MAX_ATTEMPTS, 1, 100),
                positive(source, INITIAL_BACKOFF),
                positive(source, MAX_BACKOFF),
                source.integer(BREAKER_FAILURE_THRESHOLD, 1, 1_000_000),
                positive(source, BREAKER_OPEN_DURATION),
                policy);
    }

    /** The documented defaults with another target. */
    public static InferenceClientConfig forTarget(String target) {
        return from(ConfigSource.of(TARGET.name(), target));
    }

    public InferenceClientConfig withDeadline(Duration newDeadline) {
        return new InferenceClientConfig(target, newDeadline, maxMessageBytes, maxAttempts, initialBackoff, maxBackoff,
                breakerFailureThreshold, breakerOpenDuration, loadBalancingPolicy);
    }

    public InferenceClientConfig withRetries(int newMaxAttempts, Duration newInitialBackoff, Duration newMaxBackoff) {
        return new InferenceClientConfig(target, deadline, maxMessageBytes, newMaxAttempts, newInitialBackoff,
                newMaxBackoff, breakerFailureThreshold, breakerOpenDuration, loadBalancingPolicy);
    }

    public InferenceClientConfig withBreaker(int newFailureThreshold, Duration newOpenDuration) {
        return new InferenceClientConfig(target, deadline, maxMessageBytes, maxAttempts, initialBackoff, maxBackoff,
                newFailureThreshold, newOpenDuration, loadBalancingPolicy);
    }

    public InferenceClientConfig withMaxMessageBytes(int newMaxMessageBytes) {
        return new InferenceClientConfig(target, deadline, newMaxMessageBytes, maxAttempts, initialBackoff, maxBackoff,
                breakerFailureThreshold, breakerOpenDuration, loadBalancingPolicy);
    }

    private static Duration positive(ConfigSource source, Setting setting) {
        Duration value = source.duration(setting);
        if (value.isZero()) {
            throw new ConfigException(setting.name() + "=" + source.string(setting) + ": must be greater than 0");
        }
        return value;
    }

    private static void requirePositive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
