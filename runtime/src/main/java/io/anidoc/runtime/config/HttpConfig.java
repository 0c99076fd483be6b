package io.anidoc.runtime.config;

import java.util.List;

/**
 * The service's HTTP endpoint (health, metrics and any routes of its own).
 *
 * @param host        interface to bind
 * @param port        port to bind; 0 picks a free one
 * @param maxBodySize largest request body accepted, in bytes
 */
public record HttpConfig(String host, int port, long maxBodySize) {

    public static final Setting HOST = Setting.of("ANIDOC_HTTP_HOST", "0.0.0.0",
            "Interface the HTTP server binds.");
    public static final Setting PORT = Setting.of("ANIDOC_HTTP_PORT", "8080",
            "Port of the HTTP server (health, metrics, service routes); 0 picks a free port.");
    public static final Setting MAX_BODY_SIZE = Setting.of("ANIDOC_HTTP_MAX_BODY_SIZE", "67108864",
            "Largest accepted request body in bytes (64 MiB).");

    public static final List<Setting> SETTINGS = List.of(HOST, PORT, MAX_BODY_SIZE);

    public static HttpConfig from(ConfigSource source) {
        return new HttpConfig(
                source.string(HOST),
                source.integer(PORT, 0, 65_535),
                source.longValue(MAX_BODY_SIZE, 1, Long.MAX_VALUE));
    }
}
