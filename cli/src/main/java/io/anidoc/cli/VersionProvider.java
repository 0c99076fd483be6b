package io.anidoc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/** The version stamped into the build (version.properties is filtered by Maven). */
final class VersionProvider implements CommandLine.IVersionProvider {

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[]{"anidoc " + version(), "Java " + System.getProperty("java.version"), nativeAllocator()};
    }

    /** The malloc arenas the launcher set (docs/performance.md, "The native allocator"). */
    static String nativeAllocator() {
        String arenas = System.getenv("MALLOC_ARENA_MAX");
        return "native allocator: MALLOC_ARENA_MAX=" + (arenas == null ? "unset (glibc's default)" : arenas);
    }
}
