package io.anidoc.sink;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.Setting;

import java.nio.file.Path;
import java.util.List;

/** Settings of the sink service. @param outputRoot where finished shots are written, one folder per shot */
public record SinkConfig(Path outputRoot) {

    public static final Setting OUTPUT_ROOT = Setting.of("ANIDOC_OUTPUT_ROOT", "anidoc-data/out",
            "Folder that receives finished shots: <root>/<shotId>/color|lines|fill/NNNN.png and manifest.json.");

    public static final List<Setting> SETTINGS = List.of(OUTPUT_ROOT);

    public static SinkConfig from(ConfigSource source) {
        return new SinkConfig(source.path(OUTPUT_ROOT));
    }
}
