package io.anidoc.cli;

import java.time.Duration;

import io.anidoc.runtime.config.Durations;
import picocli.CommandLine;

/** Durations as in the settings: {@code 90s}, {@code 10m}, {@code 1h} or ISO-8601 such as {@code PT90S}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        Duration duration;
        try {
            duration = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: use e.g. 90s, 10m, 1h");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new CommandLine.TypeConversionException("the duration must be positive, got " + value);
        }
        return duration;
    }
}
