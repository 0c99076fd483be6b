package io.anidoc.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.anidoc.cli.station.IngestClient;
import io.anidoc.cli.station.ProgressBar;
import io.anidoc.cli.station.ShotProgress;
import io.anidoc.cli.station.ShotUploader;
import io.anidoc.cli.station.ShotWaiter;
import io.anidoc.core.shot.Shot;
import io.anidoc.core.shot.ShotFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "submit", mixinStandardHelpOptions = true,
        header = "Upload a shot folder to a running pipeline through the ingest API.",
        description = {
            "Declares the shot (frame count and keyframes of the folder, maxDrawings from shot.json), uploads every "
                + "line/NNNN.png and keys/NNNN.png as they are, and seals the shot. Repeating a submission is safe.",
            "With --wait, shows the progress on stderr and exits when the shot is finished (0) or failed (1)."})
final class SubmitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHOT", description = "Shot folder.")
    Path shotDir;

    @Option(names = "--ingest", required = true, paramLabel = "URL", description = "Address of the ingest service, e.g. http://localhost:8080.")
    URI ingest;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:ANIDOC_TOKEN}",
            description = "Bearer token when ingest requires one (default: the variable ANIDOC_TOKEN).")
    String token;

    @Option(names = "--wait", description = "Wait until the shot is finished, showing the progress.")
    boolean await;

    @Option(names = "--retry-for", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Keep retrying a request while ingest does not answer or answers 503 (restarting, "
                + "rebuilding its ledger, Kafka unavailable) for this long (default ${DEFAULT-VALUE}); says on stderr what it waits for.")
    Duration retryFor;

    @Option(names = "--timeout", defaultValue = "30m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "With --wait: give up after this long (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        CliLogging.toErrorStream("warn");
        Shot shot = ShotFolder.read(shotDir);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = ProgressBar.on(err);
        IngestClient client = new IngestClient(ingest, Optional.ofNullable(token), retryFor, reason -> {
            bar.done();
            err.println("waiting: " + reason);
            err.flush();
        });
        ShotUploader.Submission submission = new ShotUploader(client)
                .submit(shot, (done, total) -> bar.uploading(shot.shotId(), done, total));
        bar.done();
        out.printf("submitted shot %s: %d frames, keyframes %s, %d images (%d new), sealed%n", submission.shotId(),
                submission.frameCount(), submission.keyframes(), submission.images(), submission.newImages());
        out.println("progress: GET " + client.base() + "/v1/shots/" + submission.shotId());
        out.flush();
        if (await) {
            ShotProgress finished = new ShotWaiter(client, bar).awaitFinished(shot.shotId(), timeout);
            out.printf("shot %s finished: %d clips%n", finished.shotId(), finished.totalClips());
            finished.warnings().forEach(w -> out.println("warning: " + w));
        }
        return Anidoc.OK;
    }
}
