package io.anidoc.core.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Wall time and CPU time of the calling thread per stage, summed over calls. A stage timed inside
 * another (each frame written as soon as the colorizer finishes it) counts for itself only: the
 * outer stage's time leaves it out.
 */
final class StageClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<String, Long> wallNanos = new LinkedHashMap<>();
    private final Map<String, Long> cpuNanos = new LinkedHashMap<>();
    /** Per stage being timed, innermost last: the wall and CPU time of the stages timed inside it. */
    private final Deque<long[]> nested = new ArrayDeque<>();

    StageClock(List<String> stages) {
        stages.forEach(s -> {
            wallNanos.put(s, 0L);
            cpuNanos.put(s, 0L);
        });
    }

    <T> T timed(String stage, Supplier<T> work) {
        long wall = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long[] inside = new long[2];
        nested.addLast(inside);
        try {
            return work.get();
        } finally {
            nested.removeLast();
            long wallSpent = System.nanoTime() - wall;
            long cpuSpent = THREADS.getCurrentThreadCpuTime() - cpu;
            wallNanos.merge(stage, wallSpent - inside[0], Long::sum);
            cpuNanos.merge(stage, cpuSpent - inside[1], Long::sum);
            long[] outer = nested.peekLast();
            if (outer != null) {
                outer[0] += wallSpent;
                outer[1] += cpuSpent;
            }
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
