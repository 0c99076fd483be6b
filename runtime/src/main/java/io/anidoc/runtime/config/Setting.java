package io.anidoc.runtime.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One documented configuration variable.
 *
 * @param name         the environment variable, e.g. {@code ANIDOC_HTTP_PORT}
 * @param defaultValue the value used when the variable is unset; {@code null} when there is none
 *                     (the setting is then either required or optional, see the getters of
 *                     {@link ConfigSource})
 * @param description  one sentence for people reading the docs and the start-up log
 * @param secret       the value is never printed, only {@code ****}
 */
public record Setting(String name, String defaultValue, String description, boolean secret) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("setting name must be UPPER_SNAKE_CASE: " + name);
        }
    }

    /** A setting with a default value. */
    public static Setting of(String name, String defaultValue, String description) {
        return new Setting(name, Objects.requireNonNull(defaultValue, "defaultValue"), description, false);
    }

    /** A setting without a default: required or optional depending on the getter used. */
    public static Setting withoutDefault(String name, String description) {
        return new Setting(name, null, description, false);
    }

    /** A secret setting without a default; its value is redacted wherever it is described. */
    public static Setting secret(String name, String description) {
        return new Setting(name, null, description, true);
    }

    public boolean hasDefault() {
        return defaultValue != null;
    }
}
