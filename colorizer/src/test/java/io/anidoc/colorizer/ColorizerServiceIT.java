package io.anidoc.colorizer;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.image.Images;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.ClipTaskFrames;
import io.anidoc.runtime.stage.Intermediates;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.runtime.testing.StageServiceExtension;
import io.anidoc.runtime.testing.SynthClip;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.schemas.ColorizedFrame;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opencv.core.Mat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ColorizerServiceIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @RegisterExtension
    final StageServiceExtension stage = new StageServiceExtension(KAFKA, "colorizer", () -> new StageService<>(ColorizerMain.MODULE));

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void colorsAGeneratedClipWithTheSamePngBytesAsTheDirectRun() throws Exception {
        SynthClip clip = SynthClip.create(stage.work().resolve("shot"), stage.blobs(), "synth");
        send(trackedByTheEngine(stage, clip));

        List<ConsumerRecord<String, ClipColorized>> out =
                stage.service().tail(Topic.CLIPS_COLORIZED, ClipColorized.class).awaitCount(1, WAIT);
        ClipColorized colorized = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("synth/clip-000");
        assertThat(colorized.getShotId()).isEqualTo("synth");
        assertThat(colorized.getTask()).isEqualTo(clip.task());
        assertThat(colorized.getEngine()).isEqualTo(ColorizeEngine.CPU);
        assertThat(colorized.getStageMillis()).containsEntry("matcher", 7L).containsEntry("tracker", 11L)
                .containsKey("colorizer");
        assertThat(colorized.getFrames()).extracting(ColorizedFrame::getIndex).containsExactly(0, 1, 2, 3);

        // the one-process run of the same shot writes the same bytes
        assertSameBytesAsTheDirectRun(stage, clip, colorized);
        // and the stage.blobs() are images of the shot's size
        Mat color = Images.decode(stage.blobs().get(colorized.getFrames().get(1).getColor()));
        assertThat(color.cols()).isEqualTo(256);
        assertThat(color.rows()).isEqualTo(144);

        stage.service().assertProcessedTheOnlyClip("colorizer", "synth/clip-000", WAIT);
    }

    @Test
    void colorsFromTheLineArtAnEarlierStageHandedOnAndListsItForDeletion() throws Exception {
        SynthClip clip = SynthClip.create(stage.work().resolve("shot"), stage.blobs(), "synth");
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames frames = engine.prepare(clip.readDirectly());
        ClipMatches matches = engine.match(frames);
        BlobRef matchesRef = Intermediates.putMatches(stage.blobs(), matches);
        BlobRef dense = Intermediates.putDense(stage.blobs(), engine.track(frames, matches));
        // the drawing of frame 1 no longer decodes: only the handed-on line art can make this clip work
        ClipTask task = clip.withCorruptLineArt(stage.blobs(), 1, "synth");
        List<BlobRef> lineArt = ClipTaskFrames.storeLineArt(task, frames, stage.blobs());
        send(ClipTracked.newBuilder(tracked(task, matchesRef, dense)).setLineArt(lineArt).build());

        ClipColorized colorized = stage.service().tail(Topic.CLIPS_COLORIZED, ClipColorized.class).awaitCount(1, WAIT)
                .get(0).value();
        assertSameBytesAsTheDirectRun(stage, clip, colorized);
        assertThat(colorized.getIntermediates()).containsAll(lineArt).contains(matchesRef, dense);
    }

    @Test
    void aCorruptImageGoesToTheDeadLetterTopicAndTheServiceGoesOn() throws Exception {
        SynthClip clip = SynthClip.create(stage.work().resolve("shot"), stage.blobs(), "good");
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames frames = engine.prepare(clip.readDirectly());
        ClipMatches matches = engine.match(frames);
        BlobRef matchesRef = Intermediates.putMatches(stage.blobs(), matches);
        BlobRef dense = Intermediates.putDense(stage.blobs(), engine.track(frames, matches));
        send(tracked(clip.withCorruptLineArt(stage.blobs(), 1, "bad"), matchesRef, dense));
        send(tracked(clip.task(), matchesRef, dense));

        DeadLetter letter = stage.service().tail(Topic.DEADLETTER, DeadLetter.class).awaitCount(1, WAIT).get(0).value();
        assertThat(letter.getStage()).isEqualTo("colorizer");
        assertThat(letter.getShotId()).isEqualTo("bad");
        assertThat(letter.getCauseClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.getCause()).contains("line art of frame 1").contains("not a decodable image");
        assertThat(letter.getSourceTopic()).isEqualTo(stage.topics().name(Topic.CLIPS_TRACKED));

        List<ConsumerRecord<String, ClipColorized>> out =
                stage.service().tail(Topic.CLIPS_COLORIZED, ClipColorized.class).awaitCount(1, WAIT);
        assertThat(out).extracting(ConsumerRecord::key).containsExactly("good/clip-000");

        ShotStatus failed = stage.service().awaitFailedStatus(WAIT);
        assertThat(failed.getShotId()).isEqualTo("bad");
        assertThat(failed.getStage()).isEqualTo("colorizer");
        assertThat(stage.service().get("/health/ready").statusCode()).isEqualTo(200);
    }

    static void assertSameBytesAsTheDirectRun(StageServiceExtension stage, SynthClip clip, ClipColorized colorized) throws Exception {
        Path direct = stage.work().resolve("direct");
        new ShotColorizer(EngineSettings.defaults()).colorize(ShotFolder.read(clip.dir()), direct);
        for (ColorizedFrame frame : colorized.getFrames()) {
            String name = String.format(Locale.ROOT, "%04d.png", frame.getIndex());
            assertThat(stage.blobs().get(frame.getColor())).as("color " + name)
                    .isEqualTo(Files.readAllBytes(direct.resolve("color").resolve(name)));
            assertThat(stage.blobs().get(frame.getLines())).as("lines " + name)
                    .isEqualTo(Files.readAllBytes(direct.resolve("lines").resolve(name)));
            assertThat(stage.blobs().get(frame.getFill())).as("fill " + name)
                    .isEqualTo(Files.readAllBytes(direct.resolve("fill").resolve(name)));
            assertThat(frame.getColor().getMediaType()).isEqualTo("image/png");
        }
    }

    /** The clip as the tracker hands it on: its matches and dense correspondence, found by the engine, in the stage's blobs. */
    static ClipTracked trackedByTheEngine(StageServiceExtension stage, SynthClip clip) throws Exception {
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames frames = engine.prepare(clip.readDirectly());
        ClipMatches matches = engine.match(frames);
        return tracked(clip.task(), Intermediates.putMatches(stage.blobs(), matches),
                Intermediates.putDense(stage.blobs(), engine.track(frames, matches)));
    }

    static ClipTracked tracked(ClipTask task, BlobRef matches, BlobRef dense) {
        return ClipTracked.newBuilder()
                .setClipId(task.getClipId())
                .setShotId(task.getShotId())
                .setTask(task)
                .setMatches(matches)
                .setDense(dense)
                .setEngine("cpu-dis")
                .setStageMillis(Map.of("matcher", 7L, "tracker", 11L))
                .build();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void send(ClipTracked event) throws Exception {
        stage.service().send(Topic.CLIPS_TRACKED, event.getClipId(), event);
    }
}
