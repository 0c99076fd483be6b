package io.anidoc.runtime.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A flat map of configuration variables with typed, validating getters.
 *
 * <p>Services read {@link #env()}. Tests and the one-JVM command line build sources from maps and
 * layer them with {@link #withFallback(ConfigSource)}, so several services can run side by side
 * with different settings. A blank value counts as unset.
 */
public final class ConfigSource {

    /** What {@link #describe(Collection)} prints instead of a secret value. */
    public static final String REDACTED = "****";

    private final Map<String, String> values;

    private ConfigSource(Map<String, String> values) {
        this.values = values;
    }

    /** The process environment. */
    public static ConfigSource env() {
        return new ConfigSource(Map.copyOf(System.getenv()));
    }

    /** A fixed map, e.g. for tests or for one service of the local all-in-one run. */
    public static ConfigSource of(Map<String, String> values) {
        return new ConfigSource(Map.copyOf(values));
    }

    /** Convenience for tests: {@code of("A", "1", "B", "2")}. */
    public static ConfigSource of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected name/value pairs, got " + namesAndValues.length + " strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return of(map);
    }

    /** A source where this source's values win and {@code lower} fills in the rest. */
    public ConfigSource withFallback(ConfigSource lower) {
        Map<String, String> merged = new LinkedHashMap<>(lower.values);
        merged.putAll(values);
        return new ConfigSource(Map.copyOf(merged));
    }

    /** The raw value, or empty when unset or blank. */
    public Optional<String> raw(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /**
     * All variables whose names start with {@code prefix}, keyed by the rest of the name, in
     * name order.
     */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new TreeMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length() && !value.isBlank()) {
                result.put(name.substring(prefix.length()), value.trim());
            }
        });
        return result;
    }

    // ---- typed getters ---------------------------------------------------------------------

    /** The value or the setting's default; fails when neither exists. */
    public String string(Setting setting) {
        return optionalString(setting).orElseThrow(() -> missing(setting));
    }

    /** The value or the setting's default, empty when neither exists. */
    public Optional<String> optionalString(Setting setting) {
        return raw(setting.name()).or(() -> Optional.ofNullable(setting.defaultValue()));
    }

    public int integer(Setting setting, int min, int max) {
        return optionalInteger(setting, min, max).orElseThrow(() -> missing(setting));
    }

    public Optional<Integer> optionalInteger(Setting setting, int min, int max) {
        return optionalString(setting).map(value -> {
            long parsed = parseLong(setting, value, "not an integer");
            if (parsed < min || parsed > max) {
                throw ConfigException.badValue(setting.name(), shown(setting, value),
                        "must be between " + min + " and " + max);
            }
            return (int) parsed;
        });
    }

    public long longValue(Setting setting, long min, long max) {
        String value = string(setting);
        long parsed = parseLong(setting, value, "not an integer");
        if (parsed < min || parsed > max) {
            throw ConfigException.badValue(setting.name(), shown(setting, value),
                    "must be between " + min + " and " + max);
        }
        return parsed;
    }

    /**
     * A decimal number between {@code min} and {@code max}; with an infinite {@code max}, any
     * finite number from {@code min} on.
     */
    public double decimal(Setting setting, double min, double max) {
        String value = string(setting).trim();
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw ConfigException.badValue(setting.name(), shown(setting, value), "not a number");
        }
        if (Double.isInfinite(max) ? !(parsed >= min) || Double.isInfinite(parsed) : !(parsed >= min && parsed <= max)) {
            throw ConfigException.badValue(setting.name(), shown(setting, value), Double.isInfinite(max)
                    ? "must be a finite number >= " + plain(min) : "must be between " + plain(min) + " and " + plain(max));
        }
        return parsed;
    }

    /** The value trimmed; a blank one fails naming the variable. */
    public String nonBlank(Setting setting) {
        String value = string(setting).trim();
        if (value.isEmpty()) {
            throw new ConfigException(setting.name() + " must not be blank");
        }
        return value;
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** A duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601 {@code PT30S}. */
    public Duration duration(Setting setting) {
        String value = string(setting);
        try {
            Duration parsed = Durations.parse(value);
            if (parsed.isNegative()) {
                throw ConfigException.badValue(setting.name(), shown(setting, value), "must not be negative");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            if (e instanceof ConfigException ce) {
                throw ce;
            }
            throw ConfigException.badValue(setting.name(), shown(setting, value),
                    "not a duration (use e.g. 500ms, 30s, 5m, 1h)");
        }
    }

    public boolean bool(Setting setting) {
        String value = string(setting);
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw ConfigException.badValue(setting.name(), shown(setting, value),
                    "not a boolean (true or false)");
        };
    }

    /** An enum constant, matched case-insensitively with {@code -} read as {@code _}. */
    public <E extends Enum<E>> E enumValue(Setting setting, Class<E> type) {
        String value = string(setting);
        String wanted = value.replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw ConfigException.badValue(setting.name(), shown(setting, value), "must be one of " + allowed);
    }

    /** A comma-separated list; items are trimmed and empty items dropped. Unset gives the default or an empty list. */
    public List<String> list(Setting setting) {
        return optionalString(setting)
                .map(value -> Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(item -> !item.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    public Path path(Setting setting) {
        return optionalPath(setting).orElseThrow(() -> missing(setting));
    }

    public Optional<Path> optionalPath(Setting setting) {
        return optionalString(setting).map(value -> {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw ConfigException.badValue(setting.name(), shown(setting, value), "not a valid path: " + e.getReason());
            }
        });
    }

    /** An absolute URI (one with a scheme). */
    public URI uri(Setting setting) {
        String value = string(setting);
        URI parsed;
        try {
            parsed = new URI(value);
        } catch (URISyntaxException e) {
            throw ConfigException.badValue(setting.name(), shown(setting, value), "not a valid URI: " + e.getReason());
        }
        if (!parsed.isAbsolute()) {
            throw ConfigException.badValue(setting.name(), shown(setting, value), "URI needs a scheme, e.g. http://");
        }
        return parsed;
    }

    // ---- description -----------------------------------------------------------------------

    /**
     * The effective value of each setting, secrets shown as {@value #REDACTED}, unset ones as
     * {@code <unset>}: one {@code NAME=value} entry per setting, in order.
     */
    public Map<String, String> describe(Collection<Setting> settings) {
        Map<String, String> described = new LinkedHashMap<>();
        for (Setting setting : settings) {
            Optional<String> value = optionalString(setting);
            described.put(setting.name(), value.map(v -> setting.secret() ? REDACTED : v).orElse("<unset>"));
        }
        return described;
    }

    /** {@link #describe(Collection)} as one line, for the start-up log. */
    public String describeLine(Collection<Setting> settings) {
        List<String> parts = new ArrayList<>();
        describe(settings).forEach((name, value) -> parts.add(name + "=" + value));
        return String.join(" ", parts);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private long parseLong(Setting setting, String value, String problem) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ConfigException.badValue(setting.name(), shown(setting, value), problem);
        }
    }

    private static String shown(Setting setting, String value) {
        return setting.secret() ? REDACTED : value;
    }

    private static ConfigException missing(Setting setting) {
        return new ConfigException(setting.name() + " is required: " + setting.description());
    }

    @Override
    public String toString() {
        return "ConfigSource[" + values.size() + " variables]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigSource other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }
}
