package io.anidoc.console;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.Setting;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Settings of the console.
 *
 * @param outputRoot  the sink's output folder, where finished shots are read from
 * @param paintTokens bearer tokens that may read, paint and operate (the ingest tokens)
 * @param readTokens  bearer tokens that may only read
 * @param basePath    path the console is mounted under, starting and ending with {@code /}
 * @param ingestUrl   the ingest API that fixes are sent through as retakes
 */
public record ConsoleConfig(Path outputRoot, List<String> paintTokens, List<String> readTokens, String basePath, URI ingestUrl) {

    public static final Setting OUTPUT_ROOT = Setting.of("ANIDOC_OUTPUT_ROOT", "anidoc-data/out",
            "Folder the sink writes finished shots to; the console shows their images from there.");
    public static final Setting PAINT_TOKENS = Setting.secret("ANIDOC_INGEST_TOKENS",
            "Comma-separated bearer tokens of the ingest API; on the console they may read, paint and operate. "
                    + "Unset together with ANIDOC_CONSOLE_READ_TOKENS: the console needs no token.");
    public static final Setting READ_TOKENS = Setting.secret("ANIDOC_CONSOLE_READ_TOKENS",
            "Comma-separated bearer tokens that may only look at the console (no fix, approve or replay).");
    public static final Setting BASE_PATH = Setting.of("ANIDOC_CONSOLE_BASE_PATH", "/",
            "Path the console's pages and API are served under, for an Ingress that does not strip its prefix, e.g. /studio/console/.");

    public static final Setting INGEST_URL = Setting.of("ANIDOC_CONSOLE_INGEST_URL", "http://127.0.0.1:8080",
            "Base URL of the ingest API; a saved fix is sent there as a retake, with the painter's token.");

    public static final List<Setting> SETTINGS = List.of(OUTPUT_ROOT, PAINT_TOKENS, READ_TOKENS, BASE_PATH, INGEST_URL);

    public static ConsoleConfig from(ConfigSource source) {
        String base = source.string(BASE_PATH);
        if (!base.startsWith("/") || !base.matches("[A-Za-z0-9/._~-]*") || base.contains("//")) {
            throw new ConfigException(BASE_PATH.name() + " must be a path such as /studio/console/, got '" + base + "'");
        }
        base = base.endsWith("/") ? base : base + "/";
        return new ConsoleConfig(source.path(OUTPUT_ROOT), source.list(PAINT_TOKENS), source.list(READ_TOKENS), base, source.uri(INGEST_URL));
    }

    /** True when no token is configured: every request may do everything (the local default). */
    public boolean open() {
        return paintTokens.isEmpty() && readTokens.isEmpty();
    }
}
