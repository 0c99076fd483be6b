package io.anidoc.runtime.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every setting the shared runtime reads, for one service. Service modules keep their own
 * settings in their own config class and add them to the start-up description.
 */
public record RuntimeConfig(
        ConfigSource source,
        ServiceConfig service,
        KafkaConfig kafka,
        HttpConfig http,
        BlobStoreConfig blob) {

    /** Reads and validates every group; the first bad value fails with a {@link ConfigException}. */
    public static RuntimeConfig from(ConfigSource source, String defaultServiceName) {
        return new RuntimeConfig(source,
                ServiceConfig.from(source, defaultServiceName),
                KafkaConfig.from(source),
                HttpConfig.from(source),
                BlobStoreConfig.from(source));
    }

    /** The documented runtime settings, with the given service's default name. */
    public static List<Setting> settings(String defaultServiceName) {
        List<Setting> all = new ArrayList<>(ServiceConfig.settings(defaultServiceName));
        all.addAll(KafkaConfig.SETTINGS);
        all.addAll(HttpConfig.SETTINGS);
        all.addAll(BlobStoreConfig.SETTINGS);
        return List.copyOf(all);
    }

    /**
     * Effective values of the runtime settings, any extra settings of the service and the Kafka
     * pass-through properties, secrets redacted.
     */
    public Map<String, String> describe(Collection<Setting> extraSettings) {
        List<Setting> settings = new ArrayList<>(settings(service.name()));
        settings.addAll(extraSettings);
        Map<String, String> described = new LinkedHashMap<>(source.describe(settings));
        described.putAll(kafka.describePassThrough());
        return described;
    }

    /** {@link #describe(Collection)} as one line for the start-up log. */
    public String describeLine(Collection<Setting> extraSettings) {
        return describe(extraSettings).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
