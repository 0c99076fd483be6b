package io.anidoc.runtime.config;

/**
 * A configuration value is missing or malformed. The message always names the variable and, when
 * there is one, the offending value, e.g. {@code ANIDOC_TOPIC_PARTITIONS=abc: not an integer}.
 */
public final class ConfigException extends IllegalArgumentException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    static ConfigException badValue(String name, String value, String problem) {
        return new ConfigException(name + "=" + value + ": " + problem);
    }
}
