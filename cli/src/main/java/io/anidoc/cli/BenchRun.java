package io.anidoc.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.engine.ShotResult;
import io.anidoc.core.shot.ShotFolder;

/**
 * One timed colorization of the bench's shot: wall and CPU time, peak memory, and where it wrote.
 *
 * @param threadCpuMillis  CPU time of the colorizing thread (what one core spends on the engine)
 * @param processCpuMillis CPU time of the whole process (the JIT and the collector included), -1 where unknown
 */
record BenchRun(ShotResult result, Path outDir, long totalMillis, long threadCpuMillis, long processCpuMillis,
                long peakHeapBytes, long peakResidentBytes) {

    static BenchRun time(Path shotDir, Path outDir) {
        System.gc();
        PeakMemory.reset();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long threadCpuStart = threads.getCurrentThreadCpuTime();
        long processCpuStart = processCpuNanos();
        long start = System.nanoTime();
        ShotResult result = new ShotColorizer(EngineSettings.defaults()).colorize(ShotFolder.read(shotDir), outDir);
        long totalMillis = (System.nanoTime() - start) / 1_000_000;
        long threadCpuMillis = (threads.getCurrentThreadCpuTime() - threadCpuStart) / 1_000_000;
        long processCpu = processCpuNanos();
        long processCpuMillis = processCpu < 0 ? -1 : (processCpu - processCpuStart) / 1_000_000;
        return new BenchRun(result, outDir, totalMillis, threadCpuMillis, processCpuMillis, PeakMemory.peakHeapBytes(),
                PeakMemory.peakResidentBytes());
    }

    /** The run of median engine-thread CPU time (the lower middle one of an even count). */
    static BenchRun median(List<BenchRun> runs) {
        List<BenchRun> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingLong(BenchRun::threadCpuMillis));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /**
     * The first image layer file that differs between two outputs of the same shot, named with why, or
     * null when every layer file is the same bytes (the manifests differ by their timings and are not compared).
     */
    static String firstDifference(Path a, Path b) {
        for (String layer : ShotColorizer.LAYERS) {
            List<String> namesA = names(a.resolve(layer));
            List<String> namesB = names(b.resolve(layer));
            if (!namesA.equals(namesB)) {
                return layer + "/: files " + namesA + " against " + namesB;
            }
            for (String name : namesA) {
                try {
                    if (Files.mismatch(a.resolve(layer).resolve(name), b.resolve(layer).resolve(name)) != -1) {
                        return layer + "/" + name;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return null;
    }

    private static List<String> names(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
