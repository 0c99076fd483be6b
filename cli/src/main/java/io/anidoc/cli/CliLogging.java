package io.anidoc.cli;

import java.net.URISyntaxException;
import java.net.URL;
import java.util.Locale;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * Logging for commands that run services inside the command's JVM: text on the error stream at
 * the given level (ANIDOC_LOG_LEVEL wins), standard output left to the command. A logging
 * configuration named with {@code -Dlog4j2.configurationFile} is left alone.
 */
final class CliLogging {

    private static final String CONFIG = "log4j2-local.xml";

    private CliLogging() {
    }

    static void toErrorStream(String defaultLevel) {
        if (System.getProperty("log4j2.configurationFile") != null) {
            return;
        }
        String env = System.getenv("ANIDOC_LOG_LEVEL");
        String level = env != null && !env.isBlank() ? env.trim().toLowerCase(Locale.ROOT) : defaultLevel;
        System.setProperty("anidoc.cli.log.level", level);
        URL config = CliLogging.class.getResource(CONFIG);
        if (config == null) {
            return;
        }
        try {
            ((LoggerContext) LogManager.getContext(false)).setConfigLocation(config.toURI());
        } catch (URISyntaxException | ClassCastException e) {
            // another logging backend: keep its configuration
        }
    }

    /** Flushes and stops logging; for the end of a shutdown hook. */
    static void shutdown() {
        LogManager.shutdown();
    }
}
