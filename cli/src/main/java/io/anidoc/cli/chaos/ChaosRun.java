package io.anidoc.cli.chaos;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.anidoc.cli.local.ChildProcess;
import io.anidoc.cli.local.PipelineService;
import io.anidoc.cli.local.ShotOutcomes;
import io.anidoc.cli.station.IngestClient;
import io.anidoc.cli.station.ShotUploader;
import io.anidoc.core.shot.Shot;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;

/**
 * The chaos run: the pipeline as separate processes ({@link ProcessStack}); one station submits
 * generated shots one after another while, every {@code killEvery}, a random service or (at
 * evenly spread turns) the broker is killed with {@code kill -9} and started again at once. Then
 * {@link DeliveryCheck} proves every shot was finished and delivered exactly once, frame for frame
 * as the direct run, with no dead letter.
 */
public final class ChaosRun {

    /**
     * @param kills          faults in all, the broker restarts among them
     * @param brokerRestarts how many of the faults kill the broker
     * @param jvmOptions     options of every process's JVM
     */
    public record Options(Path workDir, int shots, int width, int height, int frames, Duration killEvery, int kills,
                          int brokerRestarts, long seed, List<String> jvmOptions, Duration startTimeout, Duration shotTimeout) {
        public Options {
            if (shots < 1 || kills < 0 || brokerRestarts < 0 || brokerRestarts > kills || frames < 2) {
                throw new IllegalArgumentException("need shots >= 1, frames >= 2 and 0 <= broker restarts <= kills; got shots "
                        + shots + ", frames " + frames + ", kills " + kills + ", broker restarts " + brokerRestarts);
            }
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    /**
     * One fault.
     *
     * @param readyMillis    from the kill until the new process answered as working
     * @param progressMillis from the kill until the victim's next progress report could be read
     *                       (for the broker: any stage's); empty when none came
     */
    public record Fault(String victim, long killedAtMs, long readyMillis, Optional<Long> progressMillis) {
    }

    /** What happened; {@link #failures()} is empty when every check held. */
    public record Report(Options options, List<Fault> faults, Map<String, Long> submitToFinishedMillis,
                         List<String> failures, Path workDir) {
        public long brokerRestarts() {
            return faults.stream().filter(f -> f.victim().equals(ProcessStack.BROKER)).count();
        }
    }

    private final Options options;
    private final PrintWriter log;

    public ChaosRun(Options options, PrintWriter log) {
        this.options = options;
        this.log = log;
    }

    public Report run() throws InterruptedException {
        Path work = options.workDir().toAbsolutePath().normalize();
        try (ProcessStack stack = new ProcessStack(work, options.jvmOptions(), Map.of())) {
            say("starting the broker and " + PipelineService.names() + " as separate processes (logs in " + work.resolve("logs") + ")");
            long start = System.nanoTime();
            stack.startAll(options.startTimeout());
            say(String.format("all up in %.1f s; broker at %s, ingest at %s", (System.nanoTime() - start) / 1e9,
                    stack.bootstrapServers(), stack.ingestUri()));
            try (ShotOutcomes outcomes = ShotOutcomes.follow(stack.clientSettings());
                 ProgressLog progress = ProgressLog.follow(stack.clientSettings())) {
                Station station = new Station(stack, outcomes, work.resolve("shots"));
                CompletableFuture<Void> submitting = CompletableFuture.runAsync(station::run);
                List<Fault> faults = inject(stack, progress, submitting);
                station.killsDone.set(true);
                List<String> failures = new ArrayList<>();
                try {
                    submitting.get(options.shotTimeout().toMillis() * (options.shots() + 2L), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    failures.add("the station failed: " + rootMessage(e));
                }
                List<Fault> measured = faults.stream().map(f -> new Fault(f.victim(), f.killedAtMs(), f.readyMillis(),
                        progress.firstAfter(stages(f.victim()), f.killedAtMs()).map(p -> p.seenAtMs() - f.killedAtMs())))
                        .toList();
                say("checking delivery of " + station.submitted.size() + " shots");
                failures.addAll(new DeliveryCheck(stack.clientSettings(), work.resolve("direct"))
                        .check(station.shots(), stack.outputRoot()));
                return new Report(options, measured, new LinkedHashMap<>(station.times), failures, work);
            }
        }
    }

    private List<Fault> inject(ProcessStack stack, ProgressLog progress, CompletableFuture<Void> submitting)
            throws InterruptedException {
        Random random = new Random(options.seed());
        List<String> services = PipelineService.names();
        List<Fault> faults = new ArrayList<>();
        long first = System.nanoTime();
        for (int i = 0; i < options.kills() && !submitting.isDone(); i++) {
            long due = first + options.killEvery().toNanos() * (i + 1) - System.nanoTime();
            if (due > 0) {
                TimeUnit.NANOSECONDS.sleep(due);
            }
            String victim = brokerTurn(i) ? ProcessStack.BROKER : services.get(random.nextInt(services.size()));
            ChildProcess process = stack.process(victim);
            long killedAt = System.currentTimeMillis();
            long killedNanos = System.nanoTime();
            if (victim.equals(ProcessStack.BROKER)) {
                // A single KRaft node killed with SIGKILL comes back leading its partitions under its previous
                // registration until the controller fences it (broker.session.timeout.ms); transaction markers
                // written in that window are lost and exactly-once readers then wait forever
                // (docs/operations.md). A lone broker is therefore stopped as an operator would stop it.
                process.stop();
            } else {
                process.kill();
            }
            process.start();
            stack.awaitReady(victim, options.startTimeout());
            long ready = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNanos);
            faults.add(new Fault(victim, killedAt, ready, Optional.empty()));
            say(String.format("fault %d: %s %s, restarted, working again after %.1f s", i + 1,
                    victim.equals(ProcessStack.BROKER) ? "SIGTERM" : "kill -9", victim, ready / 1000.0));
        }
        return faults;
    }

    /** The broker's turns are spread evenly over the faults, never the first: work is in flight by then. */
    private boolean brokerTurn(int index) {
        for (int j = 1; j <= options.brokerRestarts(); j++) {
            if (index == (int) ((long) j * options.kills() / (options.brokerRestarts() + 1))) {
                return true;
            }
        }
        return false;
    }

    /** The stages whose reports show that the victim works again; every stage for the broker. */
    private static Set<String> stages(String victim) {
        if (victim.equals(ProcessStack.BROKER)) {
            return Set.of();
        }
        return victim.equals(PipelineService.INGEST.serviceName()) ? Set.of("ingest", "assembler") : Set.of(victim);
    }

    private void say(String line) {
        log.println("chaos: " + line);
        log.flush();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Submits shot after shot, each once the one before was finished, until enough shots and every fault is done. */
    private final class Station {
        final AtomicBoolean killsDone = new AtomicBoolean();
        final List<Shot> submitted = new CopyOnWriteArrayList<>();
        final Map<String, Long> times = new ConcurrentHashMap<>();
        private final IngestClient client;
        private final ShotOutcomes outcomes;
        private final Path shotsDir;

        Station(ProcessStack stack, ShotOutcomes outcomes, Path shotsDir) {
            this.client = new IngestClient(stack.ingestUri(), Optional.empty(), Duration.ofMinutes(5), reason -> say("station " + reason));
            this.outcomes = outcomes;
            this.shotsDir = shotsDir;
        }

        void run() {
            long seed = options.seed() * 1000;
            while (submitted.size() < options.shots() || !killsDone.get()) {
                seed++;
                Path dir = shotsDir.resolve("shot-" + seed);
                SyntheticShotGenerator.generate(new SynthOptions(options.width(), options.height(), options.frames(), seed,
                        SynthOptions.MODERATE_MOTION, true, false, false, true, List.of(0, options.frames() - 1)), dir);
                Shot shot = ShotFolder.read(dir);
                submitted.add(shot);
                long start = System.nanoTime();
                new ShotUploader(client).submit(shot, (done, total) -> { });
                long deadline = start + options.shotTimeout().toNanos();
                while (outcomes.finished(shot.shotId()).isEmpty()) {
                    if (!outcomes.deadLetters(shot.shotId()).isEmpty()) {
                        throw new IllegalStateException("shot " + shot.shotId() + " was dead-lettered: "
                                + outcomes.deadLetters(shot.shotId()).get(0).getCause());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("shot " + shot.shotId() + " did not finish within " + options.shotTimeout());
                    }
                    sleep();
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                times.put(shot.shotId(), millis);
                say(String.format("shot %s finished %.1f s after its submission", shot.shotId(), millis / 1000.0));
            }
        }

        List<Shot> shots() {
            return List.copyOf(submitted);
        }

        private void sleep() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
