package io.anidoc.cli.chaos;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.anidoc.cli.PeakMemory;
import io.anidoc.cli.local.ChildProcess;
import io.anidoc.cli.local.ShotOutcomes;
import io.anidoc.cli.station.IngestClient;
import io.anidoc.cli.station.ShotUploader;
import io.anidoc.core.shot.Shot;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;
import io.vertx.core.json.JsonObject;

/**
 * Memory of every service on one shot: the pipeline as separate processes ({@link ProcessStack}),
 * each JVM with the given maximum heap and stopped at once if it runs out of it
 * ({@code -XX:+ExitOnOutOfMemoryError}, so a shot that finishes proves the heap was enough), one
 * generated shot submitted and followed to its finished event, then each process's peak resident
 * set (VmHWM: heap, metaspace, thread stacks and OpenCV's native buffers).
 */
public final class MemoryRun {

    /** What one run measured. */
    public record Report(int width, int height, int frames, String maxHeap, long shotMillis, Map<String, Long> peakResidentBytes) {

        public JsonObject toJson() {
            JsonObject rss = new JsonObject();
            peakResidentBytes.forEach(rss::put);
            return new JsonObject().put("width", width).put("height", height).put("frames", frames)
                    .put("maxHeap", maxHeap).put("shotMillis", shotMillis).put("peakResidentBytes", rss);
        }
    }

    private final PrintWriter out;
    private final Duration startTimeout;
    private final Duration shotTimeout;

    public MemoryRun(PrintWriter out, Duration startTimeout, Duration shotTimeout) {
        this.out = out;
        this.startTimeout = startTimeout;
        this.shotTimeout = shotTimeout;
    }

    /**
     * @param work    work folder (the broker's data, blobs, outputs, logs)
     * @param maxHeap every JVM's -Xmx value, e.g. {@code 1536m}
     */
    public Report run(Path work, int width, int height, int frames, long seed, String maxHeap) {
        List<String> jvm = List.of("-Xmx" + maxHeap, "-XX:+ExitOnOutOfMemoryError");
        Path shotDir = work.resolve("shot");
        SyntheticShotGenerator.generate(new SynthOptions(width, height, frames, seed, SynthOptions.MODERATE_MOTION, true, false,
                false, true, List.of(0, frames - 1)), shotDir);
        Shot shot = ShotFolder.read(shotDir);
        try (ProcessStack stack = new ProcessStack(work.resolve("stack"), jvm, Map.of())) {
            say("starting the broker and every service, each with -Xmx" + maxHeap);
            stack.startAll(startTimeout);
            try (ShotOutcomes outcomes = ShotOutcomes.follow(stack.clientSettings())) {
                IngestClient client = new IngestClient(stack.ingestUri(), Optional.empty(), Duration.ofMinutes(1), reason -> say(reason));
                long start = System.nanoTime();
                new ShotUploader(client).submit(shot, (done, total) -> { });
                awaitFinished(stack, outcomes, shot.shotId(), start);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                Map<String, Long> rss = new LinkedHashMap<>();
                for (String name : stack.names()) {
                    ChildProcess process = stack.process(name);
                    rss.put(name, PeakMemory.peakResidentBytesOf(process.pid()));
                }
                Report report = new Report(width, height, frames, maxHeap, millis, rss);
                print(report);
                return report;
            }
        }
    }

    private void awaitFinished(ProcessStack stack, ShotOutcomes outcomes, String shotId, long start) {
        long deadline = start + shotTimeout.toNanos();
        while (outcomes.finished(shotId).isEmpty()) {
            if (!outcomes.deadLetters(shotId).isEmpty()) {
                throw new IllegalStateException("shot " + shotId + " was dead-lettered: " + outcomes.deadLetters(shotId).get(0).getCause());
            }
            List<String> gone = new ArrayList<>();
            for (String name : stack.names()) {
                if (!stack.process(name).alive()) {
                    gone.add(name);
                }
            }
            if (!gone.isEmpty()) {
                throw new IllegalStateException(String.join(", ", gone) + " stopped before shot " + shotId
                        + " finished (out of heap?): see the logs under " + stack.logDir());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("shot " + shotId + " did not finish within " + shotTimeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private void print(Report report) {
        out.printf(Locale.ROOT, "%dx%d, %d drawings, every JVM -Xmx%s: shot finished %.1f s after its submission%n",
                report.width(), report.height(), report.frames(), report.maxHeap(), report.shotMillis() / 1000.0);
        out.println("peak resident set per process (VmHWM):");
        report.peakResidentBytes().forEach((name, bytes) ->
                out.printf(Locale.ROOT, "  %-11s %6d MiB%n", name, bytes < 0 ? -1 : bytes >> 20));
        out.flush();
    }

    private void say(String message) {
        out.println("memory: " + message);
        out.flush();
    }
}
