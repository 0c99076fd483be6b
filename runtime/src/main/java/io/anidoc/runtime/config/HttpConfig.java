package io.anidoc.runtime.config;

import java.time.Duration;
import java.util.List;

/**
 * The service's HTTP endpoint (health, metrics and any routes of its own).
 *
 * @param host           interface to bind
 * @param port           port to bind; 0 picks a free one
 * @param maxBodySize    largest request body accepted, in bytes
 * @param idleTimeout    a connection with no byte read or written for this long is closed
 * @param headerTimeout  time from the first byte of a request to the end of its head
 * @param bodyTimeout    time from the end of a request's head to the end of its body
 * @param maxConnections open connections served at once; more are answered 503 and closed
 */
public record HttpConfig(String host, int port, long maxBodySize, Duration idleTimeout, Duration headerTimeout,
                         Duration bodyTimeout, int maxConnections) {

    public static final Setting HOST = Setting.of("ANIDOC_HTTP_HOST", "0.0.0.0",
            "Interface the HTTP server binds.");
    public static final Setting PORT = Setting.of("ANIDOC_HTTP_PORT", "8080",
            "Port of the HTTP server (health, metrics, service routes); 0 picks a free port.");
    public static final Setting MAX_BODY_SIZE = Setting.of("ANIDOC_HTTP_MAX_BODY_SIZE", "67108864",
            "Largest accepted request body in bytes (64 MiB).");
    public static final Setting IDLE_TIMEOUT = Setting.of("ANIDOC_HTTP_IDLE_TIMEOUT", "60s",
            "A connection with no byte read or written for this long is closed.");
    public static final Setting HEADER_TIMEOUT = Setting.of("ANIDOC_HTTP_HEADER_TIMEOUT", "10s",
            "Time a client has from the first byte of a request to the end of its head; then 408 and close.");
    public static final Setting BODY_TIMEOUT = Setting.of("ANIDOC_HTTP_BODY_TIMEOUT", "120s",
            "Time a client has from the end of a request's head to the end of its body; then 408 and close.");
    public static final Setting MAX_CONNECTIONS = Setting.of("ANIDOC_HTTP_MAX_CONNECTIONS", "1024",
            "Open connections served at once; a connection beyond it is answered 503 and closed.");

    public static final List<Setting> SETTINGS = List.of(HOST, PORT, MAX_BODY_SIZE, IDLE_TIMEOUT, HEADER_TIMEOUT,
            BODY_TIMEOUT, MAX_CONNECTIONS);

    public static HttpConfig from(ConfigSource source) {
        return new HttpConfig(
                source.string(HOST),
                source.integer(PORT, 0, 65_535),
                source.longValue(MAX_BODY_SIZE, 1, Long.MAX_VALUE),
                positive(source, IDLE_TIMEOUT),
                positive(source, HEADER_TIMEOUT),
                positive(source, BODY_TIMEOUT),
                source.integer(MAX_CONNECTIONS, 1, 1_000_000));
    }

    private static Duration positive(ConfigSource source, Setting setting) {
        Duration value = source.duration(setting);
        if (value.toMillis() < 1) {
            throw new ConfigException(setting.name() + "=" + source.raw(setting.name()).orElse(setting.defaultValue())
                    + ": must be at least 1ms");
        }
        return value;
    }
}
