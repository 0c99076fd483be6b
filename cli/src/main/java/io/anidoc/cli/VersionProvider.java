package io.anidoc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Properties;

import com.sun.management.HotSpotDiagnosticMXBean;

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

    /**
     * The malloc settings and huge pages the launcher set (docs/performance.md, "The native allocator"
     * and "Huge pages"): what a benchmark figure was measured with.
     */
    static String nativeAllocator() {
        String arenas = System.getenv("MALLOC_ARENA_MAX");
        String tunables = System.getenv("GLIBC_TUNABLES");
        return "native allocator: MALLOC_ARENA_MAX=" + (arenas == null ? "unset (glibc's default)" : arenas)
                + ", GLIBC_TUNABLES=" + (tunables == null ? "unset (glibc's default)" : tunables)
                + "; Java heap on transparent huge pages: " + (heapOnHugePages() ? "yes" : "no");
    }

    private static boolean heapOnHugePages() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return hotSpot != null && Boolean.parseBoolean(hotSpot.getVMOption("UseTransparentHugePages").getValue());
    }
}
