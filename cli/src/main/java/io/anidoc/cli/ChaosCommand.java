package io.anidoc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import io.anidoc.cli.chaos.ChaosReportText;
import org.apache.commons.io.FileUtils;
import io.anidoc.cli.chaos.ChaosRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "chaos", mixinStandardHelpOptions = true,
        header = "Run the pipeline as separate processes, kill -9 services and restart the broker on a schedule, and check delivery.",
        description = {
            "Starts ./anidoc broker and ./anidoc service NAME for ingest, matcher, tracker, colorizer and sink, each its own "
                + "JVM; one station submits generated shots one after another while every --kill-every a random service "
                + "is killed with SIGKILL and started again at once; at evenly spread turns the broker is stopped with SIGTERM "
                + "and started again (a lone KRaft node killed with SIGKILL can lose transaction markers, see docs/operations.md).",
            "Then checks, from the topics read to their ends: every shot announced finished once and delivered once by "
                + "the sink, frames byte for byte as the direct run (colorize --direct), no dead letter. Prints the "
                + "recovery time of every fault (kill to working, kill to the next progress) and exits 1 when a check failed.",
            "The work folder keeps every process's log (logs/) and is kept when a check failed."})
final class ChaosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--shots", defaultValue = "10", description = "Shots at least; more are sent until every fault is done (default ${DEFAULT-VALUE}).")
    int shots;

    @Option(names = "--kills", defaultValue = "12", description = "Faults in all, the broker restarts among them (default ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--broker-restarts", defaultValue = "1", description = "How many faults kill the broker (default ${DEFAULT-VALUE}).")
    int brokerRestarts;

    @Option(names = "--kill-every", defaultValue = "10s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Time between faults (default ${DEFAULT-VALUE}).")
    Duration killEvery;

    @Option(names = "--frames", defaultValue = "9", description = "Drawings per shot, first and last colored (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--width", defaultValue = "512", description = "Frame width (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "288", description = "Frame height (default ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--seed", defaultValue = "1", description = "Chooses the victims and the shots (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--jvm-options", defaultValue = "-Xmx768m -XX:+UseSerialGC", paramLabel = "OPTIONS",
            description = "JVM options of every process (default ${DEFAULT-VALUE}).")
    String jvmOptions;

    @Option(names = "--shot-timeout", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Give up when a shot has not finished after this long (default ${DEFAULT-VALUE}).")
    Duration shotTimeout;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Folder of the run (broker data, blobs, deliveries, logs); default: a new folder under the temporary folder.")
    Path workDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CliLogging.toErrorStream("warn");
        PrintWriter out = spec.commandLine().getOut();
        if (shots < 1 || frames < 2 || kills < 0 || brokerRestarts < 0 || brokerRestarts > kills) {
            throw new ParameterException(spec.commandLine(), "need --shots >= 1, --frames >= 2 and 0 <= --broker-restarts <= --kills; got "
                    + "--shots " + shots + ", --frames " + frames + ", --kills " + kills + ", --broker-restarts " + brokerRestarts);
        }
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("anidoc-chaos-");
        List<String> jvm = Arrays.stream(jvmOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        ChaosRun.Options options = new ChaosRun.Options(work, shots, width, height, frames, killEvery, kills, brokerRestarts,
                seed, jvm, Duration.ofMinutes(3), shotTimeout);
        ChaosRun.Report report = new ChaosRun(options, spec.commandLine().getErr()).run();
        out.print(ChaosReportText.of(report));
        out.flush();
        if (workDir == null && report.failures().isEmpty()) {
            FileUtils.deleteQuietly(work.toFile());
        }
        return report.failures().isEmpty() ? Anidoc.OK : Anidoc.FAILURE;
    }
}
