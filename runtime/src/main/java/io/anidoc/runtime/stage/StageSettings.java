package io.anidoc.runtime.stage;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.ServiceConfig;
import io.anidoc.runtime.config.Setting;
import io.anidoc.runtime.service.ShutdownBudget;

import java.time.Duration;
import java.util.List;

/**
 * How a {@link StageWorker} runs.
 *
 * @param concurrency   records processed at once; also the size of the worker's thread pool
 * @param commitInterval how often completed offsets are committed while running
 * @param revokeTimeout how long a rebalance waits for in-flight records of the partitions it takes away
 * @param shutdown      how a graceful close shares out {@code ANIDOC_SHUTDOWN_TIMEOUT}: draining
 *                      in-flight records, the final commit, closing the consumer and the producer
 */
public record StageSettings(int concurrency, Duration commitInterval, Duration revokeTimeout, ShutdownBudget shutdown) {

    public static final Setting CONCURRENCY = Setting.withoutDefault("ANIDOC_STAGE_CONCURRENCY",
            "Records a stage service processes at once (threads of its worker pool); default: ANIDOC_WORKER_POOL_SIZE.");
    public static final Setting COMMIT_INTERVAL = Setting.of("ANIDOC_STAGE_COMMIT_INTERVAL", "1s",
            "How often a stage commits the offsets whose output (and every earlier one's) is acknowledged.");
    public static final Setting REVOKE_TIMEOUT = Setting.of("ANIDOC_STAGE_REVOKE_TIMEOUT", "10s",
            "How long a rebalance waits for in-flight records of revoked partitions; unfinished ones are redone by the new owner.");

    public static final Setting WARMUP_FRAMES = Setting.of("ANIDOC_STAGE_WARMUP_FRAMES", "0",
            "Frames of a generated clip (keyframes first and last) the CPU engine colors before the stage takes work, so that "
                    + "a new instance starts at full speed (readiness says so meanwhile); 0: none, else at least 3.");

    public static final List<Setting> SETTINGS = List.of(CONCURRENCY, COMMIT_INTERVAL, REVOKE_TIMEOUT, WARMUP_FRAMES);

    public StageSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        requirePositive(commitInterval, "commitInterval");
        requirePositive(revokeTimeout, "revokeTimeout");
        if (shutdown == null) {
            throw new IllegalArgumentException("shutdown budget is required");
        }
    }

    /** Defaults for a worker of the given concurrency. */
    public static StageSettings of(int concurrency) {
        return new StageSettings(concurrency, Duration.ofSeconds(1), Duration.ofSeconds(10),
                new ShutdownBudget(Duration.ofSeconds(30)));
    }

    /** Reads the settings; the steps of a graceful stop share {@code ANIDOC_SHUTDOWN_TIMEOUT} ({@link ShutdownBudget}). */
    public static StageSettings from(ConfigSource source, ServiceConfig service) {
        int concurrency = source.optionalInteger(CONCURRENCY, 1, 1024).orElse(service.workerPoolSize());
        Duration commitInterval = source.duration(COMMIT_INTERVAL);
        Duration revokeTimeout = source.duration(REVOKE_TIMEOUT);
        if (commitInterval.isZero()) {
            throw new ConfigException(COMMIT_INTERVAL.name() + "=" + source.string(COMMIT_INTERVAL) + ": must be greater than 0");
        }
        if (revokeTimeout.isZero()) {
            throw new ConfigException(REVOKE_TIMEOUT.name() + "=" + source.string(REVOKE_TIMEOUT) + ": must be greater than 0");
        }
        return new StageSettings(concurrency, commitInterval, revokeTimeout, new ShutdownBudget(service.shutdownTimeout()));
    }

    /** Frames of the engine's warm-up clip ({@link #WARMUP_FRAMES}); 0 for none. */
    public static int warmUpFrames(ConfigSource source) {
        int frames = source.integer(WARMUP_FRAMES, 0, 1000);
        if (frames > 0 && frames < 3) {
            throw new ConfigException(WARMUP_FRAMES.name() + "=" + frames
                    + ": a warm-up clip needs at least 3 frames (two keyframes and a drawing), or 0 for none");
        }
        return frames;
    }

    public StageSettings withCommitInterval(Duration value) {
        return new StageSettings(concurrency, value, revokeTimeout, shutdown);
    }

    public StageSettings withRevokeTimeout(Duration value) {
        return new StageSettings(concurrency, commitInterval, value, shutdown);
    }

    public StageSettings withShutdownTimeout(Duration value) {
        return new StageSettings(concurrency, commitInterval, revokeTimeout, new ShutdownBudget(value));
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be greater than 0, got " + value);
        }
    }
}
