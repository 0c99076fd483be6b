package io.anidoc.tracker;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.ClipTaskFrames;
import io.anidoc.runtime.stage.Intermediates;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.runtime.testing.StageServiceExtension;
import io.anidoc.runtime.testing.SynthClip;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrackerServiceIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @RegisterExtension
    final StageServiceExtension stage = new StageServiceExtension(KAFKA, "tracker", () -> new StageService<>(TrackerMain.MODULE));

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void tracksAGeneratedClipAndPublishesTheDenseFieldsAsABlob() throws Exception {
        SynthClip clip = SynthClip.create(stage.work().resolve("shot"), stage.blobs(), "synth");
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames frames = engine.prepare(clip.readDirectly());
        ClipMatches matches = engine.match(frames);
        ClipMatched input = matched(clip.task(), Intermediates.putMatches(stage.blobs(), matches));
        send(input);

        List<ConsumerRecord<String, ClipTracked>> out = stage.service().tail(Topic.CLIPS_TRACKED, ClipTracked.class).awaitCount(1, WAIT);
        ClipTracked tracked = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("synth/clip-000");
        assertThat(tracked.getClipId()).isEqualTo("synth/clip-000");
        assertThat(tracked.getShotId()).isEqualTo("synth");
        assertThat(tracked.getTask()).isEqualTo(clip.task());
        assertThat(tracked.getMatches()).isEqualTo(input.getMatches());
        assertThat(tracked.getEngine()).isEqualTo(TrackEngine.CPU);
        assertThat(tracked.getStageMillis()).containsEntry("matcher", 7L).containsKey("tracker");
        assertThat(tracked.getDense().getMediaType()).isEqualTo(Intermediates.DENSE_MEDIA_TYPE);

        // the blob holds exactly what the engine computes from the files and the matches
        byte[] stored = stage.blobs().get(tracked.getDense());
        DenseCorrespondence dense = Intermediates.decodeDense(stored);
        assertThat(dense.width()).isEqualTo(256);
        assertThat(dense.height()).isEqualTo(144);
        assertThat(dense.fields()).isNotEmpty();
        assertThat(stored).isEqualTo(Intermediates.encode(engine.track(frames, matches)));

        stage.service().assertProcessedTheOnlyClip("tracker", "synth/clip-000", WAIT);
    }

    @Test
    void aCorruptImageGoesToTheDeadLetterTopicAndTheServiceGoesOn() throws Exception {
        SynthClip clip = SynthClip.create(stage.work().resolve("shot"), stage.blobs(), "good");
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        BlobRef matches = Intermediates.putMatches(stage.blobs(), engine.match(engine.prepare(clip.readDirectly())));
        send(matched(clip.withCorruptLineArt(stage.blobs(), 2, "bad"), matches));
        send(matched(clip.task(), matches));

        DeadLetter letter = stage.service().tail(Topic.DEADLETTER, DeadLetter.class).awaitCount(1, WAIT).get(0).value();
        assertThat(letter.getStage()).isEqualTo("tracker");
        assertThat(letter.getShotId()).isEqualTo("bad");
        assertThat(letter.getCauseClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.getCause()).contains("line art of frame 2").contains("not a decodable image");
        assertThat(letter.getSourceTopic()).isEqualTo(stage.topics().name(Topic.CLIPS_MATCHED));

        List<ConsumerRecord<String, ClipTracked>> out = stage.service().tail(Topic.CLIPS_TRACKED, ClipTracked.class).awaitCount(1, WAIT);
        assertThat(out).extracting(ConsumerRecord::key).containsExactly("good/clip-000");

        ShotStatus failed = stage.service().awaitFailedStatus(WAIT);
        assertThat(failed.getShotId()).isEqualTo("bad");
        assertThat(failed.getStage()).isEqualTo("tracker");
        assertThat(stage.service().get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void takesTheLineArtTheMatcherHandedOnInsteadOfTheDrawingsAndPassesItOn() throws Exception {
        SynthClip clip = SynthClip.create(stage.work().resolve("shot"), stage.blobs(), "good");
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames frames = engine.prepare(clip.readDirectly());
        ClipMatches matches = engine.match(frames);
        BlobRef matchesRef = Intermediates.putMatches(stage.blobs(), matches);
        // the drawing of frame 2 no longer decodes: only the handed-on line art can make this clip work
        ClipTask task = clip.withCorruptLineArt(stage.blobs(), 2, "handed");
        List<BlobRef> lineArt = ClipTaskFrames.storeLineArt(task, frames, stage.blobs());
        send(ClipMatched.newBuilder(matched(task, matchesRef)).setLineArt(lineArt).build());

        ClipTracked tracked = stage.service().tail(Topic.CLIPS_TRACKED, ClipTracked.class).awaitCount(1, WAIT).get(0).value();
        assertThat(tracked.getShotId()).isEqualTo("handed");
        assertThat(tracked.getLineArt()).isEqualTo(lineArt);
        assertThat(stage.blobs().get(tracked.getDense())).isEqualTo(Intermediates.encode(engine.track(frames, matches)));
    }

    @Test
    void handedOnLineArtThatDoesNotFitTheClipGoesToTheDeadLetterTopic() throws Exception {
        SynthClip clip = SynthClip.create(stage.work().resolve("shot"), stage.blobs(), "short");
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames frames = engine.prepare(clip.readDirectly());
        BlobRef matches = Intermediates.putMatches(stage.blobs(), engine.match(frames));
        List<BlobRef> lineArt = ClipTaskFrames.storeLineArt(clip.task(), frames, stage.blobs());
        send(ClipMatched.newBuilder(matched(clip.task(), matches)).setLineArt(lineArt.subList(1, lineArt.size())).build());

        DeadLetter letter = stage.service().tail(Topic.DEADLETTER, DeadLetter.class).awaitCount(1, WAIT).get(0).value();
        assertThat(letter.getShotId()).isEqualTo("short");
        assertThat(letter.getCauseClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.getCause()).contains("normalized line art for " + (lineArt.size() - 1) + " frames")
                .contains("it has " + lineArt.size());
        assertThat(stage.service().get("/health/ready").statusCode()).isEqualTo(200);
    }

    private static ClipMatched matched(ClipTask task, BlobRef matches) {
        return ClipMatched.newBuilder()
                .setClipId(task.getClipId())
                .setShotId(task.getShotId())
                .setTask(task)
                .setMatches(matches)
                .setEngine("cpu-sift")
                .setStageMillis(Map.of("matcher", 7L))
                .build();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void send(ClipMatched event) throws Exception {
        stage.service().send(Topic.CLIPS_MATCHED, event.getClipId(), event);
    }
}
