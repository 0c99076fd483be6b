package io.anidoc.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this process: the Java heap (sum of the heap pools' peak usage) and the resident
 * set high-water mark (VmHWM in /proc/self/status, which includes OpenCV's native buffers); and
 * the resident high-water mark of another process of this machine.
 */
public final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakMemory() {
    }

    /** Starts a new measurement: resets the heap pools' peaks and, where Linux allows, the RSS peak. */
    static void reset() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        try {
            // "5" resets the peak resident set size to the current one (Linux 4.0+)
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | RuntimeException e) {
            // not Linux or not permitted: VmHWM then covers the whole process life
        }
    }

    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** VmHWM in bytes, or -1 where /proc is not available. */
    static long peakResidentBytes() {
        return peakResidentBytes(STATUS);
    }

    /** VmHWM of a running process in bytes, or -1 where /proc is not available or the process is gone. */
    public static long peakResidentBytesOf(long pid) {
        return peakResidentBytes(Path.of("/proc", Long.toString(pid), "status"));
    }

    private static long peakResidentBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
