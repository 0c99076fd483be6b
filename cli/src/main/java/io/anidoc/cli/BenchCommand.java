package io.anidoc.cli;

import org.apache.commons.io.FileUtils;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.anidoc.cli.chaos.MemoryRun;
import io.anidoc.cli.local.PipelineBench;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.engine.ShotResult;
import io.anidoc.core.image.OpenCv;
import io.anidoc.core.metrics.ShotEvaluator;
import io.anidoc.core.metrics.ShotReport;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;
import io.vertx.core.json.JsonArray;
import org.opencv.core.Core;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Time the CPU engine per stage (1920x1080 and 1600x984 by default), or the local pipeline against it.",
        description = "Generates synthetic shots at 1920x1080 and 1600x984 in a temporary folder, colorizes them "
                + "and prints the time per drawing of every stage, the peak Java heap, the peak resident memory "
                + "and the accuracy reached. OpenCV runs on one thread (Core.setNumThreads(1)); to pin the whole "
                + "JVM to one core as well, run it under taskset: taskset -c 0 ./anidoc bench.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--frames", defaultValue = "16", description = "Drawings per shot, keyframes first and last (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the synthetic shots (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", split = ",", paramLabel = "WxH", defaultValue = "1920x1080,1600x984",
            description = "Frame sizes to time (default ${DEFAULT-VALUE}).")
    List<String> sizes;

    @Option(names = "--warmup", defaultValue = "3", description = "Drawings of an untimed shot of the same size colorized "
            + "first, so that the timed shot runs compiled code as a long-running service does; 0 times a cold JVM "
            + "(default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", defaultValue = "1", description = "Times the shot is colorized, one after the other in this "
            + "JVM: each run's time per drawing, then the median run's stages; every run must write the same bytes "
            + "(default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--keep", paramLabel = "DIR", description = "Keep the shots and outputs in DIR instead of a temporary folder.")
    Path keep;

    @Option(names = "--pipeline", description = "Time the local pipeline (embedded Kafka and every service in this JVM) "
            + "against the direct engine instead: each of --shots shots alone (seal-to-finished over direct), then "
            + "--shots other shots at once (throughput, shot latency p50/p95, stage busy share, deepest queue per stage), "
            + "then the busiest stage draining a pre-filled input with one and with two instances.")
    boolean pipeline;

    @Option(names = "--memory", description = "Measure memory instead: the pipeline as separate processes (a local broker "
            + "and one JVM per service, each with the --heap maximum and stopped if it runs out of it), one shot of each "
            + "--size through it, then every process's peak resident set.")
    boolean memory;

    @Option(names = "--heap", defaultValue = "1536m", description = "With --memory: every JVM's maximum heap (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--shots", defaultValue = "3", description = "Shots per phase of --pipeline (default ${DEFAULT-VALUE}).")
    int shots;

    @Option(names = "--drain-shots", defaultValue = "6", description = "With --pipeline: shots pre-filled into the busiest "
            + "stage's input for each drain, timed with one and with two instances of it; rounded up and chosen so that "
            + "every partition of that input holds as many clips (default ${DEFAULT-VALUE}).")
    int drainShots;

    @Option(names = "--drain-processes", description = "With --pipeline: run the drain's instances as JVMs of their own "
            + "(anidoc service STAGE, one core's worth of threads each, engine warmed up before joining, timed from the first "
            + "one ready), as pods run them, instead of threads of the bench's JVM.")
    boolean drainProcesses;

    @Option(names = "--json", paramLabel = "FILE", description = "With --pipeline or --memory: also write the figures as JSON to FILE.")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (frames < 2) {
            throw new IllegalArgumentException("--frames must be at least 2, got " + frames);
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        }
        if (warmup < 0 || warmup == 1) {
            throw new IllegalArgumentException("--warmup must be 0 or at least 2 drawings, got " + warmup);
        }
        List<int[]> parsed = sizes.stream().map(BenchCommand::parseSize).toList();
        OpenCv.load();
        Core.setNumThreads(1);
        PrintWriter out = spec.commandLine().getOut();
        // --warmup is the engine run's; the pipeline and memory runs warm up in their own way
        String warm = pipeline || memory ? "" : warmup == 0 ? ", cold (no warm-up shot)"
                : ", after an untimed warm-up shot of " + warmup + " drawings";
        out.printf(Locale.ROOT, "engine %s v%s, OpenCV threads %d, %d frames per shot, keyframes first and last%s, "
                        + "JVM max heap %d MiB%n",
                EngineSettings.ENGINE_NAME, EngineSettings.ENGINE_VERSION, Core.getNumThreads(), frames, warm,
                Runtime.getRuntime().maxMemory() >> 20);
        // page faults on fresh frame buffers move the figures by a third: say what the run had
        out.println(VersionProvider.nativeAllocator());
        Path root = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("anidoc-bench");
        try {
            if (pipeline && memory) {
                throw new IllegalArgumentException("--pipeline and --memory are two different runs: choose one");
            }
            if (memory) {
                if (!heap.matches("[0-9]+[kKmMgG]?")) {
                    throw new IllegalArgumentException("--heap must be a JVM heap size such as 1536m or 2g, got " + heap);
                }
                CliLogging.toErrorStream("warn");
                MemoryRun run = new MemoryRun(out, Duration.ofMinutes(5), Duration.ofMinutes(30));
                JsonArray figures = new JsonArray();
                for (int[] size : parsed) {
                    figures.add(run.run(root.resolve(size[0] + "x" + size[1]), size[0], size[1], frames, seed, heap).toJson());
                }
                writeJson(figures, out);
                return Anidoc.OK;
            }
            if (pipeline) {
                if (shots < 1 || drainShots < 1) {
                    throw new IllegalArgumentException("--shots and --drain-shots must be at least 1, got " + shots + " and " + drainShots);
                }
                CliLogging.toErrorStream("warn");
                PipelineBenchRun run = new PipelineBenchRun(out, spec.commandLine().getErr(), frames, seed, shots, drainShots,
                        drainProcesses ? PipelineBench.DrainInstances.PROCESSES : PipelineBench.DrainInstances.IN_PROCESS);
                JsonArray figures = new JsonArray();
                for (int[] size : parsed) {
                    figures.add(run.bench(root, size[0], size[1]));
                }
                writeJson(figures, out);
                return Anidoc.OK;
            }
            for (int[] size : parsed) {
                if (!benchOne(out, root, size[0], size[1])) {
                    return Anidoc.FAILURE;
                }
            }
        } finally {
            if (keep == null) {
                FileUtils.deleteQuietly(root.toFile());
            }
        }
        return Anidoc.OK;
    }

    /** Writes the figures to --json when it was given. */
    private void writeJson(JsonArray figures, PrintWriter out) throws IOException {
        if (json != null) {
            Files.writeString(json, figures.encodePrettily());
            out.println("wrote " + json);
        }
    }

    /** Times one size; false when two runs wrote different bytes. */
    private boolean benchOne(PrintWriter out, Path root, int width, int height) throws IOException {
        String name = width + "x" + height;
        SynthOptions options = SynthOptions.defaults().withSize(width, height).withFrames(frames).withSeed(seed);
        Path shotDir = root.resolve(name).resolve("shot");
        SyntheticShotGenerator.generate(options, shotDir);
        if (warmup > 0) {
            Path warmupDir = root.resolve(name).resolve("warmup");
            SyntheticShotGenerator.generate(options.withFrames(warmup).withSeed(seed + 1), warmupDir.resolve("shot"));
            new ShotColorizer(EngineSettings.defaults()).colorize(ShotFolder.read(warmupDir.resolve("shot")), warmupDir.resolve("out"));
        }
        List<BenchRun> done = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            done.add(BenchRun.time(shotDir, root.resolve(name).resolve(r == 1 ? "out" : "out-run-" + r)));
        }
        Path firstOut = done.get(0).outDir();
        ShotReport report = ShotEvaluator.evaluate(firstOut, shotDir);

        int drawings = frames;
        BenchRun median = BenchRun.median(done);
        if (runs > 1) {
            out.printf(Locale.ROOT, "%n%s: %d runs of %d drawings%n", name, runs, drawings);
            for (int r = 0; r < runs; r++) {
                BenchRun run = done.get(r);
                out.printf(Locale.ROOT, "  run %d: %.1f ms per drawing, CPU %.1f ms on the engine thread%s%n", r + 1,
                        (double) run.totalMillis() / drawings, (double) run.threadCpuMillis() / drawings,
                        run == median ? " (the median, below)" : "");
            }
        }
        out.printf(Locale.ROOT, "%n%s: %d drawings, total %.2f s, %.1f ms per drawing%n", name, drawings,
                median.totalMillis() / 1000.0, (double) median.totalMillis() / drawings);
        ShotResult result = median.result();
        List<String> stages = result.timingsMillis().keySet().stream()
                .sorted(Comparator.comparingInt(s -> ShotColorizer.STAGES.indexOf(s) < 0 ? 99 : ShotColorizer.STAGES.indexOf(s)))
                .toList();
        for (String stage : stages) {
            out.printf(Locale.ROOT, "  %-10s %8.1f ms/drawing (CPU %.1f)%n", stage, (double) result.timingsMillis().get(stage) / drawings,
                    (double) result.cpuMillis().getOrDefault(stage, 0L) / drawings);
        }
        // on a shared machine the wall time includes waiting for a core; CPU time does not
        out.printf(Locale.ROOT, "  CPU time %.1f ms per drawing on the engine thread, %.1f ms for the whole process (JIT, GC)%n",
                (double) median.threadCpuMillis() / drawings, (double) median.processCpuMillis() / drawings);
        long rss = median.peakResidentBytes();
        out.printf(Locale.ROOT, "  peak heap %d MiB, peak RSS %s%n", median.peakHeapBytes() >> 20, rss < 0 ? "n/a" : (rss >> 20) + " MiB");
        out.printf(Locale.ROOT, "  non-line pixel accuracy %.5f, region accuracy %.4f%n",
                report.meanNonLinePixelAccuracy(), report.meanRegionAccuracy());
        for (BenchRun run : done.subList(1, done.size())) {
            String differs = BenchRun.firstDifference(firstOut, run.outDir());
            if (differs != null) {
                out.printf(Locale.ROOT, "  runs wrote different bytes: %s%n", differs);
                out.flush();
                return false;
            }
        }
        if (runs > 1) {
            out.printf(Locale.ROOT, "  every run wrote the same bytes (%s)%n", String.join(", ", ShotColorizer.LAYERS));
        }
        out.flush();
        return true;
    }

    private static int[] parseSize(String text) {
        String[] parts = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new int[]{Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("size '" + text + "' is not WIDTHxHEIGHT");
    }

}
