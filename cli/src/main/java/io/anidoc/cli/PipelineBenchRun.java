package io.anidoc.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.anidoc.cli.local.BalancedDrainShots;
import io.anidoc.cli.local.LocalStack;
import io.anidoc.cli.local.PipelineBench;
import io.anidoc.cli.local.PipelineService;
import io.anidoc.cli.station.ProgressBar;
import io.anidoc.core.shot.Shot;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;
import io.anidoc.ingest.assembler.AssemblyPlan;
import io.anidoc.runtime.config.KafkaConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code bench --pipeline} at one frame size: generates the shots, runs both phases, prints and returns the figures. */
final class PipelineBenchRun {

    private static final Duration SHOT_TIMEOUT = Duration.ofMinutes(30);
    /** Seeds of each later set of shots start this far on, so that no shot id is used twice in one run. */
    private static final long SEED_OFFSET = 1000;

    private final PrintWriter out;
    private final PrintWriter err;
    private final int frames;
    private final long seed;
    private final int shots;
    private final int drainShots;
    private final PipelineBench.DrainInstances drainInstances;

    PipelineBenchRun(PrintWriter out, PrintWriter err, int frames, long seed, int shots, int drainShots,
                     PipelineBench.DrainInstances drainInstances) {
        this.out = out;
        this.err = err;
        this.frames = frames;
        this.seed = seed;
        this.shots = shots;
        this.drainShots = drainShots;
        this.drainInstances = drainInstances;
    }

    JsonObject bench(Path root, int width, int height) throws Exception {
        String name = width + "x" + height;
        Path dir = root.resolve("pipeline-" + name);
        List<Shot> alone = generate(dir, width, height, seed);
        List<Shot> together = generate(dir, width, height, seed + SEED_OFFSET);

        // the first engine run of a JVM is slower until the JIT has compiled its loops: warm up on a short shot of the same size
        SynthOptions warmUp = SynthOptions.defaults().withSize(width, height).withFrames(3).withSeed(seed + 4 * SEED_OFFSET);
        SyntheticShotGenerator.generate(warmUp, dir.resolve("warm-up"));
        PipelineBench.directMillis(ShotFolder.read(dir.resolve("warm-up")), dir.resolve("warm-up-out"));
        List<Long> direct = new ArrayList<>();
        for (Shot shot : alone) {
            direct.add(PipelineBench.directMillis(shot, dir.resolve("direct").resolve(shot.shotId())));
        }
        err.println("starting the local pipeline (embedded Kafka and every service in this JVM)...");
        err.flush();
        long startNanos = System.nanoTime();
        List<PipelineBench.Alone> measured = new ArrayList<>();
        PipelineBench.Together all;
        PipelineBench.Drain drain;
        try (LocalStack stack = LocalStack.builder(dir.resolve("stack")).start()) {
            long startMillis = (System.nanoTime() - startNanos) / 1_000_000;
            stack.awaitReady(Duration.ofMinutes(2));
            long readyMillis = (System.nanoTime() - startNanos) / 1_000_000;
            out.printf(Locale.ROOT, "%n%s, %d drawings per shot, keyframes first and last; local stack started in %.1f s, "
                    + "every service ready after %.1f s%n", name, frames, startMillis / 1000.0, readyMillis / 1000.0);
            PipelineBench bench = new PipelineBench(stack, SHOT_TIMEOUT, ProgressBar.on(err));
            // the stages' own code (blob reads and writes, events, the stage workers) warms up like the engine's
            bench.warmUp(ShotFolder.read(dir.resolve("warm-up")), dir.resolve("warm-up-pipeline"));
            for (int i = 0; i < alone.size(); i++) {
                measured.add(bench.alone(alone.get(i), direct.get(i), dir.resolve("pipeline").resolve(alone.get(i).shotId())));
            }
            all = bench.together(together);
            int partitions = KafkaConfig.from(stack.clientSettings()).partitions();
            List<Shot> drainOne = generateBalanced(dir, width, height, seed + 2 * SEED_OFFSET, partitions);
            List<Shot> drainTwo = generateBalanced(dir, width, height, seed + 3 * SEED_OFFSET, partitions);
            drain = bench.drain(busiest(all), drainOne, drainTwo, drainInstances);
        }
        print(measured, all, drain);
        return json(name, measured, all, drain);
    }

    private List<Shot> generate(Path dir, int width, int height, long firstSeed) {
        return generate(dir, width, height, firstSeed, shots);
    }

    private List<Shot> generate(Path dir, int width, int height, long firstSeed, int count) {
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seeds.add(firstSeed + i);
        }
        return generate(dir, width, height, seeds);
    }

    /** The drain's shots: at least --drain-shots, as many clips in every partition of the stage's input. */
    private List<Shot> generateBalanced(Path dir, int width, int height, long firstSeed, int partitions) {
        List<Long> seeds = BalancedDrainShots.seeds(firstSeed, drainShots, partitions, seed -> {
            SynthOptions options = SynthOptions.defaults().withFrames(frames).withSeed(seed);
            String shotId = SyntheticShotGenerator.shotId(options);
            // the clip planner only warns about long clips: no limit changes which clips there are
            return AssemblyPlan.plan(frames, options.keyframes(), Integer.MAX_VALUE).stream()
                    .map(plan -> AssemblyPlan.clipId(shotId, plan.index())).toList();
        });
        return generate(dir, width, height, seeds);
    }

    private List<Shot> generate(Path dir, int width, int height, List<Long> seeds) {
        List<Shot> generated = new ArrayList<>();
        for (long seed : seeds) {
            SynthOptions options = SynthOptions.defaults().withSize(width, height).withFrames(frames).withSeed(seed);
            Path shotDir = dir.resolve("shots").resolve(SyntheticShotGenerator.shotId(options));
            SyntheticShotGenerator.generate(options, shotDir);
            generated.add(ShotFolder.read(shotDir));
        }
        return generated;
    }

    /** Of the stages whose input can be pre-filled, the one that was busiest with all shots at once. */
    private static PipelineService busiest(PipelineBench.Together all) {
        String stage = PipelineBench.QUEUED_STAGES.stream()
                .max(Comparator.comparingDouble(s -> all.utilisation().getOrDefault(s, 0.0))).orElseThrow();
        return PipelineService.byName(stage).orElseThrow();
    }

    private void print(List<PipelineBench.Alone> alone, PipelineBench.Together all, PipelineBench.Drain drain) {
        out.println("  each shot alone: direct ms, seal-to-finished ms, ratio");
        for (PipelineBench.Alone shot : alone) {
            out.printf(Locale.ROOT, "    %-12s %8d %8d %6.2f%n", shot.shotId(), shot.directMillis(), shot.pipelineMillis(), shot.ratio());
        }
        out.printf(Locale.ROOT, "  seal-to-finished / direct, median: %.2f%n", PipelineBench.medianRatio(alone));
        out.printf(Locale.ROOT, "  %d shots at once: %d drawings in %.1f s = %.2f drawings/s; shot latency p50 %.1f s, p95 %.1f s%n",
                all.shots(), all.drawings(), all.wallMillis() / 1000.0, all.drawingsPerSecond(),
                all.percentile(50) / 1000.0, all.percentile(95) / 1000.0);
        all.utilisation().forEach((stage, share) -> out.printf(Locale.ROOT, "    %-10s busy %5.0f%% of the wall time, %s%n",
                stage, share * 100, all.maxLag().containsKey(stage) ? "deepest queue " + all.maxLag().get(stage) + " clips"
                        : "queue not counted (its input is written in transactions)"));
        out.printf(Locale.ROOT, "  %s draining a pre-filled input, one worker thread per instance (%s): one instance %d clips in %.1f s, "
                        + "two instances %d clips in %.1f s, speed-up %.2fx%n", drain.stage(), drainInstances.description(), drain.clipsOne(), drain.oneMillis() / 1000.0,
                drain.clipsTwo(), drain.twoMillis() / 1000.0, drain.speedup());
        out.printf(Locale.ROOT, "    clips per instance %s (at most %.2fx with that split), work per clip %.1f s alone and %.1f s side by side"
                        + " (%.2fx); clips per partition %s and %s%n", drain.two().stream().map(i -> Integer.toString(i.clips())).toList(), drain.balanceBound(),
                PipelineBench.Instance.meanClipMillis(drain.one()) / 1000.0, PipelineBench.Instance.meanClipMillis(drain.two()) / 1000.0,
                drain.slowdown(), drain.partitionsOne(), drain.partitionsTwo());
        out.flush();
    }

    private JsonObject json(String size, List<PipelineBench.Alone> alone, PipelineBench.Together all,
                                   PipelineBench.Drain drain) {
        JsonArray shots = new JsonArray();
        alone.forEach(shot -> shots.add(new JsonObject().put("shotId", shot.shotId()).put("drawings", shot.drawings())
                .put("directMillis", shot.directMillis()).put("sealToFinishedMillis", shot.pipelineMillis())
                .put("ratio", shot.ratio())));
        JsonObject stages = new JsonObject();
        all.utilisation().forEach((stage, share) -> stages.put(stage, new JsonObject().put("busyShare", share)
                .put("busyMillis", all.stageBusyMillis().get(stage)).put("maxQueue", all.maxLag().get(stage))));
        return new JsonObject().put("size", size)
                .put("alone", new JsonObject().put("shots", shots).put("medianRatio", PipelineBench.medianRatio(alone)))
                .put("together", new JsonObject().put("shots", all.shots()).put("drawings", all.drawings())
                        .put("wallMillis", all.wallMillis()).put("drawingsPerSecond", all.drawingsPerSecond())
                        .put("latencyP50Millis", all.percentile(50)).put("latencyP95Millis", all.percentile(95))
                        .put("stages", stages))
                .put("drain", new JsonObject().put("stage", drain.stage()).put("instancesIn", drainInstances.name().toLowerCase(Locale.ROOT))
                        .put("clipsOne", drain.clipsOne())
                        .put("oneInstanceMillis", drain.oneMillis()).put("clipsTwo", drain.clipsTwo())
                        .put("twoInstancesMillis", drain.twoMillis()).put("speedup", drain.speedup())
                        .put("oneInstance", instances(drain.one())).put("twoInstances", instances(drain.two()))
                        .put("balanceBound", drain.balanceBound()).put("slowdown", drain.slowdown())
                        .put("clipsPerPartitionOne", new JsonArray(drain.partitionsOne()))
                        .put("clipsPerPartitionTwo", new JsonArray(drain.partitionsTwo())));
    }

    private static JsonArray instances(List<PipelineBench.Instance> instances) {
        JsonArray out = new JsonArray();
        instances.forEach(i -> out.add(new JsonObject().put("clips", i.clips()).put("workMillis", i.workMillis())));
        return out;
    }
}
