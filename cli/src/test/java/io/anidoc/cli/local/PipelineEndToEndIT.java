package io.anidoc.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anidoc.cli.CliRun;
import io.anidoc.cli.station.IngestClient;
import io.anidoc.cli.station.IngestClient.ImageKind;
import io.anidoc.cli.station.IngestException;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;
import org.apache.commons.io.FileUtils;
import io.anidoc.cli.station.ShotProgress;
import io.anidoc.core.metrics.ShotEvaluator;
import io.anidoc.core.shot.Shot;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.schemas.FinishedFrame;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.serde.EventSerdes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline over the embedded broker: shots submitted at once through the API, each delivered exactly once. */
class PipelineEndToEndIT {

    private static final String TOKEN = "e2e-station-token";

    @TempDir
    static Path dir;

    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.builder(dir.resolve("work"))
                .setting(PipelineService.INGEST, "ANIDOC_INGEST_TOKENS", TOKEN)
                .start();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void concurrentShotsFinishExactlyOnceWithTheFramesOfTheDirectRun() throws Exception {
        // first and last keyframe; the first only; three keyframes, so two clips sharing keyframe 3
        List<Shot> shots = List.of(
                TestShots.generate(dir.resolve("shot-a"), 11, 256, 144, 5, List.of(0, 4)),
                TestShots.generate(dir.resolve("shot-b"), 12, 256, 144, 4, List.of(0)),
                TestShots.generate(dir.resolve("shot-c"), 13, 256, 144, 7, List.of(0, 3, 6)));
        for (Shot shot : shots) {
            TestShots.direct(shot, dir.resolve("direct").resolve(shot.shotId()));
        }

        ExecutorService stations = Executors.newFixedThreadPool(shots.size());
        List<Future<CliRun>> submissions = new ArrayList<>();
        for (Shot shot : shots) {
            submissions.add(stations.submit(() -> CliRun.of("submit", shot.dir().toString(),
                    "--ingest", stack.ingestUri().toString(), "--token", TOKEN, "--wait", "--timeout", "3m")));
        }
        for (int i = 0; i < shots.size(); i++) {
            CliRun run = submissions.get(i).get(4, TimeUnit.MINUTES);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("submitted shot " + shots.get(i).shotId())
                    .contains("shot " + shots.get(i).shotId() + " finished");
        }
        stations.shutdown();

        // every shot announced; then every service has committed all it read, so a record done twice is on the topic by now
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> finished().keySet().containsAll(
                shots.stream().map(Shot::shotId).toList()));
        PipelineDrained.await(stack.clientSettings(), Duration.ofSeconds(60));
        List<ShotFinished> announcements = TopicRecords.read(stack.clientSettings(), Topic.SHOTS_FINISHED,
                EventSerdes.of(ShotFinished.class));
        Map<String, Long> perShot = announcements.stream()
                .collect(Collectors.groupingBy(f -> f.getShotId(), Collectors.counting()));
        assertThat(perShot).containsOnlyKeys(shots.stream().map(Shot::shotId).toArray(String[]::new));
        assertThat(perShot.values()).containsOnly(1L);

        IngestClient client = new IngestClient(stack.ingestUri(), Optional.of(TOKEN));
        Map<String, ShotFinished> byShot = finished();
        for (Shot shot : shots) {
            ShotFinished event = byShot.get(shot.shotId());
            Path delivered = Path.of(event.getOutputDir());
            Path direct = dir.resolve("direct").resolve(shot.shotId());
            assertThat(event.getFrameCount()).isEqualTo(shot.frameCount());
            assertThat(event.getFrames()).extracting(FinishedFrame::getIndex)
                    .containsExactlyElementsOf(java.util.stream.IntStream.range(0, shot.frameCount()).boxed().toList());
            TestShots.assertSameFrames(delivered, direct, shot.frameCount());
            Map<String, String> directHashes = TestShots.frameHashes(direct);
            for (FinishedFrame frame : event.getFrames()) {
                String name = String.format("%04d.png", frame.getIndex());
                assertThat(frame.getColorSha256()).isEqualTo(directHashes.get("color/" + name));
                assertThat(frame.getLinesSha256()).isEqualTo(directHashes.get("lines/" + name));
            }
            assertThat(ShotEvaluator.evaluate(delivered, shot.dir()).meanNonLinePixelAccuracy())
                    .as("accuracy of %s", shot.shotId()).isGreaterThanOrEqualTo(0.99);
            ShotProgress progress = client.status(shot.shotId()).orElseThrow();
            assertThat(progress.state()).isEqualTo("FINISHED");
            assertThat(progress.failures()).isEmpty();
        }
        JsonNode manifest = new ObjectMapper().readTree(Path.of(byShot.get("synth-13").getOutputDir())
                .resolve("manifest.json").toFile());
        assertThat(manifest.get("clips")).hasSize(2);
        assertThat(manifest.get("keyframes").toString()).isEqualTo("[0,3,6]");
        assertThat(manifest.get("stageMillis").has("colorizer")).isTrue();

        CliRun watch = CliRun.of("watch", "--bootstrap", stack.bootstrapServers(), "--from-beginning", "--duration", "4s");
        assertThat(watch.exitCode()).as(watch.err()).isZero();
        assertThat(watch.out())
                .contains("synth-11  FINISHED  5 frames in " + byShot.get("synth-11").getOutputDir())
                .contains("synth-12  FINISHED  4 frames")
                .contains("synth-13  FINISHED  7 frames")
                .contains("synth-13  assembler CLIPPED")
                .contains("synth-13  matcher IN_PROGRESS synth-13/clip-001 1/2")
                .contains("synth-13  colorizer IN_PROGRESS synth-13/clip-000 1/2");
    }

    @Test
    void aSubmissionWithoutTheTokenIsRefused() {
        Path shot = dir.resolve("no-token");
        TestShots.generate(shot, 19, 128, 72, 2, List.of(0, 1));
        CliRun run = CliRun.of("submit", shot.toString(), "--ingest", stack.ingestUri().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("ingest refused PUT /v1/shots/synth-19").contains("401 unauthorized");
        assertThat(Files.exists(stack.outputRoot().resolve("synth-19"))).isFalse();
    }

    @Test
    void aShotColoredFromItsModelSheetAloneIsDeliveredAsTheDirectRunColorsIt() throws Exception {
        SynthOptions options = SynthOptions.defaults().withSize(384, 216).withFrames(5).withSeed(21);
        Path folder = dir.resolve("sheet-shot");
        SyntheticShotGenerator.generate(options, folder);
        SyntheticShotGenerator.writeModelSheet(options, folder);
        FileUtils.deleteDirectory(folder.resolve("keys").toFile());
        Shot shot = ShotFolder.read(folder);
        Path direct = TestShots.direct(shot, dir.resolve("direct-sheet"));

        CliRun run = CliRun.of("submit", folder.toString(), "--ingest", stack.ingestUri().toString(), "--token", TOKEN,
                "--wait", "--timeout", "3m");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("shot " + shot.shotId() + " finished");

        ShotFinished finished = TopicRecords.read(stack.clientSettings(), Topic.SHOTS_FINISHED,
                EventSerdes.of(ShotFinished.class)).stream().filter(f -> f.getShotId().equals(shot.shotId())).findFirst()
                .orElseThrow();
        Path delivered = Path.of(finished.getOutputDir());
        TestShots.assertSameFrames(delivered, direct, shot.frameCount());
        JsonNode manifest = new ObjectMapper().readTree(delivered.resolve("manifest.json").toFile());
        assertThat(manifest.get("sheets").toString()).isEqualTo("[\"model\"]");
        assertThat(manifest.get("keyframes").toString()).isEqualTo("[]");
        assertThat(finished.getInputBlobs()).as("the sheet is kept with the shot's inputs")
                .hasSize(shot.frameCount() + 1);
    }

    @Test
    void sheetsAreDeclaredByNameAndRefusedOtherwise() throws Exception {
        IngestClient ingest = new IngestClient(stack.ingestUri(), Optional.of(TOKEN));
        SynthOptions options = SynthOptions.defaults().withSize(256, 144).withFrames(2);
        SyntheticShotGenerator.generate(options, dir.resolve("refused"));
        byte[] sheet = Files.readAllBytes(SyntheticShotGenerator.writeModelSheet(options, dir.resolve("refused")));
        ingest.declare("sheet-refusals", 2, List.of(), List.of("hero"), java.util.Map.of());
        assertRefused(() -> ingest.upload("sheet-refusals", ImageKind.SHEET, "villain", sheet), "not_a_declared_sheet");
        assertRefused(() -> ingest.upload("sheet-refusals", ImageKind.SHEET, "bad name!", sheet), "invalid_sheet_name");
        assertThat(ingest.upload("sheet-refusals", ImageKind.SHEET, "hero", sheet)).isTrue();
        assertThat(ingest.upload("sheet-refusals", ImageKind.SHEET, "hero", sheet)).as("an exact repeat").isFalse();
        // a sheet has a size of its own: the frames still set the shot's size
        byte[] line = Files.readAllBytes(dir.resolve("refused").resolve("line/0000.png"));
        assertThat(ingest.upload("sheet-refusals", ImageKind.LINE, 0, line)).isTrue();
        assertRefused(() -> ingest.declare("no-reference", 2, List.of(), List.of(), java.util.Map.of()), "keyframes");
    }

    private static void assertRefused(Runnable call, String reason) {
        try {
            call.run();
        } catch (IngestException e) {
            assertThat(e.getMessage()).contains(reason);
            return;
        }
        throw new AssertionError("the request was accepted: " + reason + " expected");
    }

    private static Map<String, ShotFinished> finished() {
        return TopicRecords.read(stack.clientSettings(), Topic.SHOTS_FINISHED, EventSerdes.of(ShotFinished.class)).stream()
                .collect(Collectors.toMap(ShotFinished::getShotId, Function.identity(), (a, b) -> a));
    }
}
