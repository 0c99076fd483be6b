package io.anidoc.core.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Wall time and CPU time of the calling thread per stage, summed over calls. */
final class StageClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<String, Long> wallNanos = new LinkedHashMap<>();
    private final Map<String, Long> cpuNanos = new LinkedHashMap<>();

    StageClock(List<String> stages) {
        stages.forEach(s -> {
            wallNanos.put(s, 0L);
            cpuNanos.put(s, 0L);
        });
    }

    <T> T timed(String stage, Supplier<T> work) {
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        try {
            return work.get();
        } finally {
            wallNanos.merge(stage, System.nanoTime() - wall, Long::sum);
            cpuNanos.merge(stage, THREADS.getCurrentThreadCpuTime() - cpu, Long::sum);
        }
    }

    Map<String, Long> wallMillis() {
        return millis(wallNanos);
    }

    Map<String, Long> cpuMillis() {
        return millis(cpuNanos);
    }

    private static Map<String, Long> millis(Map<String, Long> nanos) {
        Map<String, Long> out = new LinkedHashMap<>();
        nanos.forEach((stage, n) -> out.put(stage, n / 1_000_000L));
        return out;
    }
}
