package io.anidoc.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.anidoc.cli.station.IngestClient;
import io.anidoc.cli.station.ProgressBar;
import io.anidoc.cli.station.ShotFailedException;
import io.anidoc.cli.station.ShotProgress;
import io.anidoc.cli.station.ShotUploader;
import io.anidoc.cli.station.ShotWaiter;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.shot.Shot;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotFinished;

/**
 * Colorizes a shot folder through a running {@link LocalStack}: submits it to ingest over HTTP,
 * waits for its {@link ShotFinished} on Kafka while showing progress, and copies what the sink
 * delivered into the output folder.
 */
public final class LocalColorizer {

    /** Delivered by engines that estimate their confidence (the CPU engine), copied when present. */
    public static final String CONFIDENCE = "confidence";
    /** What the sink delivers for every shot, copied to the output folder: every layer but the confidence. */
    public static final List<String> LAYERS = ShotColorizer.LAYERS.stream().filter(layer -> !layer.equals(CONFIDENCE)).toList();

    private final LocalStack stack;
    private final ProgressBar bar;

    public LocalColorizer(LocalStack stack, ProgressBar bar) {
        this.stack = Objects.requireNonNull(stack, "stack");
        this.bar = Objects.requireNonNull(bar, "bar");
    }

    /**
     * What happened.
     *
     * @param uploadMillis time to declare, upload and seal
     * @param pipelineMillis time from the seal to the finished shot
     */
    public record Result(ShotFinished finished, List<String> warnings, long uploadMillis, long pipelineMillis) {
    }

    /**
     * @throws ShotFailedException when a stage failed on the shot (a {@code FAILED} status or a
     *                             dead letter) or it did not finish within {@code timeout}
     */
    public Result colorize(Shot shot, Path out, Duration timeout) {
        IngestClient client = new IngestClient(stack.ingestUri(), Optional.empty());
        try (ShotOutcomes outcomes = ShotOutcomes.follow(stack.clientSettings())) {
            long start = System.nanoTime();
            new ShotUploader(client).submit(shot, (done, total) -> bar.uploading(shot.shotId(), done, total));
            long sealed = System.nanoTime();
            ShotFinished finished = new ShotWaiter(client, bar).await(shot.shotId(), timeout, progress -> {
                List<DeadLetter> letters = outcomes.deadLetters(shot.shotId());
                if (!letters.isEmpty()) {
                    DeadLetter letter = letters.get(0);
                    throw new ShotFailedException("shot " + shot.shotId() + " failed in " + letter.getStage() + ": "
                            + letter.getCause() + " (" + letter.getCauseClass() + ")");
                }
                Optional<ShotFinished> announced = outcomes.finished(shot.shotId());
                // the sink's event can come before ingest's status says so: the bar ends at finished either way
                if (announced.isPresent() && progress.filter(ShotProgress::finished).isEmpty()) {
                    bar.finished(shot.shotId());
                }
                return announced;
            });
            // the time the finished event arrived, not the moment the progress poll next looked
            long done = outcomes.finishedArrivalNanos(shot.shotId()).orElseGet(System::nanoTime);
            List<String> warnings = client.status(shot.shotId()).map(ShotProgress::warnings).orElse(List.of());
            copyDelivery(Path.of(finished.getOutputDir()), out);
            return new Result(finished, warnings, (sealed - start) / 1_000_000, (done - sealed) / 1_000_000);
        }
    }

    /** The layers a delivered shot folder holds: {@link #LAYERS}, and {@link #CONFIDENCE} when present. */
    public static List<String> layersIn(Path delivered) {
        List<String> layers = new java.util.ArrayList<>(LAYERS);
        if (Files.isDirectory(delivered.resolve(CONFIDENCE))) {
            layers.add(CONFIDENCE);
        }
        return layers;
    }

    /**
     * Copies color/, lines/, fill/, confidence/ (when delivered) and manifest.json; PNGs already in
     * those folders of OUT are removed first.
     */
    static void copyDelivery(Path delivered, Path out) {
        try {
            for (String layer : layersIn(delivered)) {
                Path target = Files.createDirectories(out.resolve(layer));
                try (DirectoryStream<Path> stale = Files.newDirectoryStream(target, "*.png")) {
                    for (Path file : stale) {
                        Files.delete(file);
                    }
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(delivered.resolve(layer), "*.png")) {
                    for (Path file : files) {
                        Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.copy(delivered.resolve("manifest.json"), out.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the delivered shot from " + delivered + " to " + out, e);
        }
    }

    /** Stage times of the finished shot in pipeline order, e.g. {@code matcher=812}. */
    public static Map<String, Long> stageMillis(ShotFinished finished) {
        Map<String, Long> ordered = new java.util.LinkedHashMap<>();
        for (String stage : List.of("matcher", "tracker", "colorizer")) {
            Long ms = finished.getStageMillis().get(stage);
            if (ms != null) {
                ordered.put(stage, ms);
            }
        }
        finished.getStageMillis().forEach(ordered::putIfAbsent);
        return ordered;
    }
}
