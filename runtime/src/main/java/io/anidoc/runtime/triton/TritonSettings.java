package io.anidoc.runtime.triton;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.Setting;

import java.time.Duration;
import java.util.List;

/**
 * How a stage engine lives with its model on the inference server (the client's own settings are
 * {@link io.anidoc.runtime.inference.InferenceClientConfig}'s).
 *
 * @param waitInterval pause between attempts while the model is unavailable: between start-up
 *                     verifications, and between tries of a record held back
 * @param holdTimeout  how long one record may be held back by an unavailable server before it
 *                     goes to the dead letter topic; zero holds it until the server returns
 */
public record TritonSettings(Duration waitInterval, Duration holdTimeout) {

    public static final Setting WAIT_INTERVAL = Setting.of("ANIDOC_TRITON_WAIT_INTERVAL", "5s",
            "Pause between attempts while the model is unavailable: start-up verification, and records held back.");
    public static final Setting HOLD_TIMEOUT = Setting.of("ANIDOC_TRITON_HOLD_TIMEOUT", "30m",
            "How long a record waits for an unavailable inference server before it is dead-lettered (0: no limit).");

    public static final List<Setting> SETTINGS = List.of(WAIT_INTERVAL, HOLD_TIMEOUT);

    public TritonSettings {
        if (waitInterval == null || waitInterval.isNegative() || waitInterval.isZero()) {
            throw new IllegalArgumentException("waitInterval must be greater than 0, got " + waitInterval);
        }
        if (holdTimeout == null || holdTimeout.isNegative()) {
            throw new IllegalArgumentException("holdTimeout must not be negative, got " + holdTimeout);
        }
    }

    public static TritonSettings defaults() {
        return new TritonSettings(Duration.ofSeconds(5), Duration.ofMinutes(30));
    }

    public static TritonSettings from(ConfigSource source) {
        Duration wait = source.duration(WAIT_INTERVAL);
        if (wait.isZero()) {
            throw new ConfigException(WAIT_INTERVAL.name() + "=" + source.string(WAIT_INTERVAL) + ": must be greater than 0");
        }
        return new TritonSettings(wait, source.duration(HOLD_TIMEOUT));
    }
}
