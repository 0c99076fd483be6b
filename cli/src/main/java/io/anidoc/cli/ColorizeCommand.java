package io.anidoc.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.anidoc.cli.local.LocalColorizer;
import io.anidoc.cli.local.LocalStack;
import io.anidoc.cli.station.ProgressBar;
import io.anidoc.cli.station.ShotUploader;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.engine.ShotResult;
import io.anidoc.core.shot.Shot;
import io.anidoc.core.shot.ShotFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "colorize", mixinStandardHelpOptions = true,
        header = "Colorize a shot folder through the pipeline (embedded Kafka, every service in this process).",
        description = {
            "Reads SHOT/line/NNNN.png and SHOT/keys/NNNN.png, starts the local pipeline (an embedded Kafka broker, "
                + "ingest, matcher, tracker, colorizer and sink), uploads the shot through the ingest API, shows the "
                + "progress on stderr, waits until the sink announces the finished shot and copies it to OUT/color, "
                + "OUT/lines, OUT/fill and OUT/manifest.json.",
            "Exits with 1 and the reason when a stage fails on the shot or it does not finish in time.",
            "--direct runs the engine in this process without Kafka (the same frames, byte for byte)."})
final class ColorizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHOT", description = "Shot folder.")
    Path shotDir;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output folder.")
    Path out;

    @Option(names = "--direct", description = "Run the engine in this process, without Kafka and the services.")
    boolean direct;

    @Option(names = "--timeout", defaultValue = "30m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Give up when the shot has not finished after this long, e.g. 90s, 10m (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Keep the pipeline's data (Kafka, blobs, delivered shots) in DIR; default: a temporary folder removed at the end. "
                    + "A shot id is used once: a shot already delivered in DIR is refused (409 shot_sealed).")
    Path workDir;

    @Override
    public Integer call() {
        Shot shot = ShotFolder.read(shotDir);
        return direct ? direct(shot) : throughPipeline(shot);
    }

    private int direct(Shot shot) {
        long start = System.nanoTime();
        ShotResult result = new ShotColorizer(engineSettings(shot)).colorize(shot, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "colorized shot %s: %d frames %dx%d from keyframes %s in %.1f s%n", result.shotId(),
                result.frames().size(), shot.width(), shot.height(), shot.keyframes(), seconds);
        stdout.println("stage times (ms): " + result.timingsMillis());
        result.warnings().forEach(w -> stdout.println("warning: " + w));
        stdout.println("wrote " + result.manifest());
        return Anidoc.OK;
    }

    private int throughPipeline(Shot shot) {
        CliLogging.toErrorStream("warn");
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        long start = System.nanoTime();
        stderr.println("starting the local pipeline (embedded Kafka, ingest, matcher, tracker, colorizer, sink)...");
        stderr.flush();
        LocalStack.Builder builder = workDir != null ? LocalStack.builder(workDir) : LocalStack.temporary();
        LocalColorizer.Result result;
        long started;
        try (LocalStack stack = builder.start()) {
            Thread stopper = new Thread(stack::close, "anidoc-colorize-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                started = System.nanoTime();
                result = new LocalColorizer(stack, ProgressBar.on(stderr)).colorize(shot, out, timeout);
            } finally {
                removeHook(stopper);
            }
        }
        double total = (System.nanoTime() - start) / 1e9;
        stdout.printf(Locale.ROOT, "colorized shot %s: %d frames %dx%d from keyframes %s in %.1f s through the pipeline%n",
                shot.shotId(), result.finished().getFrameCount(), shot.width(), shot.height(), shot.keyframes(), total);
        stdout.printf(Locale.ROOT, "wall times (ms): start %d, upload %d, pipeline %d%n",
                (started - start) / 1_000_000, result.uploadMillis(), result.pipelineMillis());
        stdout.println("stage times (ms): " + LocalColorizer.stageMillis(result.finished()));
        result.warnings().forEach(w -> stdout.println("warning: " + w));
        stdout.println("wrote " + out.resolve("manifest.json"));
        return Anidoc.OK;
    }

    /** The engine defaults, with the clip size the shot asks for, as the pipeline's assembler uses it. */
    static EngineSettings engineSettings(Shot shot) {
        Object maxDrawings = ShotUploader.declarationOptions(shot).get("maxDrawings");
        EngineSettings defaults = EngineSettings.defaults();
        return maxDrawings instanceof Integer n ? defaults.withMaxClipDrawings(n) : defaults;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs
        }
    }
}
