package io.anidoc.matcher;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.lineart.LineArt;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.pipeline.LineArtCodec;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.Intermediates;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.runtime.testing.StageServiceExtension;
import io.anidoc.runtime.testing.SynthClip;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MatcherServiceIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @RegisterExtension
    final StageServiceExtension stage = new StageServiceExtension(KAFKA, "matcher", () -> new StageService<>(MatcherMain.MODULE));

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void matchesAGeneratedClipAndPublishesTheMatchesAsABlob() throws Exception {
        SynthClip clip = SynthClip.create(stage.work().resolve("shot"), stage.blobs(), "synth");
        send(clip.task());

        List<ConsumerRecord<String, ClipMatched>> out = stage.service().tail(Topic.CLIPS_MATCHED, ClipMatched.class).awaitCount(1, WAIT);
        ClipMatched matched = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("synth/clip-000");
        assertThat(matched.getClipId()).isEqualTo("synth/clip-000");
        assertThat(matched.getShotId()).isEqualTo("synth");
        assertThat(matched.getTask()).isEqualTo(clip.task());
        assertThat(matched.getEngine()).isEqualTo(MatchEngine.CPU);
        assertThat(matched.getStageMillis()).containsOnlyKeys("matcher");
        assertThat(matched.getMatches().getMediaType()).isEqualTo(Intermediates.MATCHES_MEDIA_TYPE);

        // the blob holds exactly what the engine computes from the files
        byte[] stored = stage.blobs().get(matched.getMatches());
        ClipMatches decoded = Intermediates.decodeMatches(stored);
        assertThat(decoded.pairs()).isNotEmpty();
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipInput input = clip.readDirectly();
        ClipFrames prepared = engine.prepare(input);
        assertThat(stored).isEqualTo(Intermediates.encode(engine.match(prepared)));

        // the normalized line art of every frame, in the task's order, for the later stages
        assertThat(matched.getLineArt()).hasSize(clip.task().getFrames().size())
                .allSatisfy(ref -> assertThat(ref.getMediaType()).isEqualTo(LineArtCodec.MEDIA_TYPE));
        for (int i = 0; i < matched.getLineArt().size(); i++) {
            LineArt expected = prepared.lineArt().get(clip.task().getFrames().get(i).getIndex());
            LineArt handedOn = LineArtCodec.decode(stage.blobs().get(matched.getLineArt().get(i)), 256, 144, "frame " + i);
            assertThat(Pixels.bytes(handedOn.gray())).isEqualTo(Pixels.bytes(expected.gray()));
            assertThat(handedOn.inkBytes()).isEqualTo(expected.inkBytes());
            assertThat(handedOn.mainAlphaBytes()).isEqualTo(expected.mainAlphaBytes());
        }

        stage.service().assertProcessedTheOnlyClip("matcher", "synth/clip-000", WAIT);
    }

    @Test
    void aCorruptImageGoesToTheDeadLetterTopicAndTheServiceGoesOn() throws Exception {
        SynthClip clip = SynthClip.create(stage.work().resolve("shot"), stage.blobs(), "good");
        ClipTask corrupt = clip.withCorruptLineArt(stage.blobs(), 1, "bad");
        send(corrupt);
        send(clip.task());

        DeadLetter letter = stage.service().tail(Topic.DEADLETTER, DeadLetter.class).awaitCount(1, WAIT).get(0).value();
        assertThat(letter.getStage()).isEqualTo("matcher");
        assertThat(letter.getShotId()).isEqualTo("bad");
        assertThat(letter.getCauseClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.getCause()).contains("line art of frame 1").contains("not a decodable image");
        assertThat(letter.getSourceTopic()).isEqualTo(stage.topics().name(Topic.CLIPS));

        List<ConsumerRecord<String, ClipMatched>> out = stage.service().tail(Topic.CLIPS_MATCHED, ClipMatched.class).awaitCount(1, WAIT);
        assertThat(out).extracting(ConsumerRecord::key).containsExactly("good/clip-000");

        ShotStatus failed = stage.service().awaitFailedStatus(WAIT);
        assertThat(failed.getShotId()).isEqualTo("bad");
        assertThat(failed.getMessage()).contains("not a decodable image");
        assertThat(stage.service().get("/health/ready").statusCode()).isEqualTo(200);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void send(ClipTask task) throws Exception {
        stage.service().send(Topic.CLIPS, task.getClipId(), task);
    }
}
