package io.anidoc.runtime.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Identity and process-level behaviour of one service.
 *
 * @param name             service name: used for the consumer group, client ids, logs and metrics
 * @param podName          the pod (or host) this replica runs as; names its Kafka clients
 * @param groupInstanceId  an explicit stable identity of this replica (e.g. a StatefulSet pod name);
 *                         only then do its consumers join their group as static members
 * @param workerPoolSize   threads for blocking work (image processing, blob I/O)
 * @param shutdownTimeout  how long a graceful shutdown may take before the process exits anyway
 * @param readinessTimeout how long one readiness check may take before it counts as failed
 * @param startupTimeout   how long start-up waits for the Kafka cluster before it gives up
 * @param logFormat        {@code json} for log shippers, {@code text} for people
 */
public record ServiceConfig(
        String name,
        Optional<String> podName,
        Optional<String> groupInstanceId,
        int workerPoolSize,
        Duration shutdownTimeout,
        Duration readinessTimeout,
        Duration startupTimeout,
        LogFormat logFormat) {

    /** Log line format; read by log4j2.xml from the same variable. */
    public enum LogFormat { JSON, TEXT }

    public static final String SERVICE_NAME_VARIABLE = "ANIDOC_SERVICE_NAME";
    public static final Setting POD_NAME = Setting.withoutDefault("POD_NAME",
            "Name of this replica (Kubernetes sets it from metadata.name); names its Kafka clients.");
    public static final Setting GROUP_INSTANCE_ID = Setting.withoutDefault("ANIDOC_GROUP_INSTANCE_ID",
            "Stable identity of this replica that survives restarts (a StatefulSet pod name); when set, consumers "
                    + "join their group as static members (group.instance.id). Never set it from a Deployment's pod name.");
    public static final Setting WORKER_POOL_SIZE = Setting.withoutDefault("ANIDOC_WORKER_POOL_SIZE",
            "Threads for blocking work such as image processing and blob I/O; default: the number of CPUs.");
    public static final Setting SHUTDOWN_TIMEOUT = Setting.of("ANIDOC_SHUTDOWN_TIMEOUT", "30s",
            "Time a graceful shutdown (SIGTERM) may take to finish or hand back in-flight work.");
    public static final Setting READINESS_TIMEOUT = Setting.of("ANIDOC_READINESS_TIMEOUT", "5s",
            "Time one readiness check (e.g. the Kafka cluster) may take before it counts as down.");
    public static final Setting STARTUP_TIMEOUT = Setting.of("ANIDOC_STARTUP_TIMEOUT", "5m",
            "How long start-up waits for the Kafka cluster to answer (readiness DOWN with the reason meanwhile) "
                    + "before the service exits with status 1.");
    public static final Setting LOG_FORMAT = Setting.of("ANIDOC_LOG_FORMAT", "json",
            "Log format on the console: json (one JSON object per line) or text.");
    public static final Setting LOG_LEVEL = Setting.of("ANIDOC_LOG_LEVEL", "info",
            "Level of the io.anidoc loggers (error, warn, info, debug, trace).");

    /** The levels ANIDOC_LOG_LEVEL may name (log4j reads them in any case). */
    public static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]*");

    /** The service-name setting; its default is the service's own name. */
    public static Setting nameSetting(String defaultName) {
        return Setting.of(SERVICE_NAME_VARIABLE, defaultName,
                "Name of the service: consumer group, client ids, log and metric labels derive from it.");
    }

    /** The settings of this group, with the given service's default name. */
    public static List<Setting> settings(String defaultName) {
        return List.of(nameSetting(defaultName), POD_NAME, GROUP_INSTANCE_ID, WORKER_POOL_SIZE, SHUTDOWN_TIMEOUT,
                READINESS_TIMEOUT, STARTUP_TIMEOUT, LOG_FORMAT, LOG_LEVEL);
    }

    public static ServiceConfig from(ConfigSource source, String defaultName) {
        String name = source.string(nameSetting(defaultName));
        if (!LEGAL_NAME.matcher(name).matches()) {
            throw new ConfigException(SERVICE_NAME_VARIABLE + "=" + name
                    + ": a service name may only contain letters, digits, '.', '_' and '-'");
        }
        requireKnownLogLevel(source);
        return new ServiceConfig(
                name,
                source.optionalString(POD_NAME),
                source.optionalString(GROUP_INSTANCE_ID),
                source.optionalInteger(WORKER_POOL_SIZE, 1, 1024)
                        .orElse(Runtime.getRuntime().availableProcessors()),
                source.duration(SHUTDOWN_TIMEOUT),
                positive(source, READINESS_TIMEOUT),
                positive(source, STARTUP_TIMEOUT),
                logFormat(source));
    }

    /**
     * Log4j falls back to its default level for a name it does not know, silently: a typo would
     * hide the debug output asked for, so the service refuses to start instead.
     */
    private static void requireKnownLogLevel(ConfigSource source) {
        String value = source.string(LOG_LEVEL).trim();
        if (!LOG_LEVELS.contains(value.toLowerCase(java.util.Locale.ROOT))) {
            throw new ConfigException(LOG_LEVEL.name() + "=" + value + ": must be one of " + String.join(", ", LOG_LEVELS));
        }
    }

    /** Lower case only: log4j2.xml compares the variable literally. */
    private static LogFormat logFormat(ConfigSource source) {
        String value = source.string(LOG_FORMAT);
        LogFormat format = source.enumValue(LOG_FORMAT, LogFormat.class);
        if (!value.equals(format.name().toLowerCase(java.util.Locale.ROOT))) {
            throw new ConfigException(LOG_FORMAT.name() + "=" + value + ": must be json or text (lower case)");
        }
        return format;
    }

    /** The name this replica is known by: the pod name, else the service name. */
    public String instanceName() {
        return podName.orElse(name);
    }

    private static Duration positive(ConfigSource source, Setting setting) {
        Duration duration = source.duration(setting);
        if (duration.isZero()) {
            throw new ConfigException(setting.name() + "=" + source.string(setting) + ": must be greater than 0");
        }
        return duration;
    }
}
