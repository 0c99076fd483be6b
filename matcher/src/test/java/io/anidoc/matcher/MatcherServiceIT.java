package io.anidoc.matcher;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.stage.Intermediates;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.runtime.testing.StageServiceUnderTest;
import io.anidoc.runtime.testing.SynthClip;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MatcherServiceIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    private StageServiceUnderTest service;
    private BlobStore blobs;
    private Topics topics;

    @BeforeEach
    void startService() throws Exception {
        service = StageServiceUnderTest.start(KAFKA, "matcher", new StageService<>(MatcherMain.MODULE), work);
        blobs = service.blobs();
        topics = service.topics();
    }

    @AfterEach
    void stopService() throws Exception {
        service.close();
    }

    @Test
    void matchesAGeneratedClipAndPublishesTheMatchesAsABlob() throws Exception {
        SynthClip clip = SynthClip.create(work.resolve("shot"), blobs, "synth");
        send(clip.task());

        List<ConsumerRecord<String, ClipMatched>> out = service.tail(Topic.CLIPS_MATCHED, ClipMatched.class).awaitCount(1, WAIT);
        ClipMatched matched = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("synth/clip-000");
        assertThat(matched.getClipId()).isEqualTo("synth/clip-000");
        assertThat(matched.getShotId()).isEqualTo("synth");
        assertThat(matched.getTask()).isEqualTo(clip.task());
        assertThat(matched.getEngine()).isEqualTo(MatchEngine.CPU);
        assertThat(matched.getStageMillis()).containsOnlyKeys("matcher");
        assertThat(matched.getMatches().getMediaType()).isEqualTo(Intermediates.MATCHES_MEDIA_TYPE);

        // the blob holds exactly what the engine computes from the files
        byte[] stored = blobs.get(matched.getMatches());
        ClipMatches decoded = Intermediates.decodeMatches(stored);
        assertThat(decoded.pairs()).isNotEmpty();
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipInput input = clip.readDirectly();
        assertThat(stored).isEqualTo(Intermediates.encode(engine.match(engine.prepare(input))));

        service.assertProcessedTheOnlyClip("matcher", "synth/clip-000", WAIT);
    }

    @Test
    void aCorruptImageGoesToTheDeadLetterTopicAndTheServiceGoesOn() throws Exception {
        SynthClip clip = SynthClip.create(work.resolve("shot"), blobs, "good");
        ClipTask corrupt = clip.withCorruptLineArt(blobs, 1, "bad");
        send(corrupt);
        send(clip.task());

        DeadLetter letter = service.tail(Topic.DEADLETTER, DeadLetter.class).awaitCount(1, WAIT).get(0).value();
        assertThat(letter.getStage()).isEqualTo("matcher");
        assertThat(letter.getShotId()).isEqualTo("bad");
        assertThat(letter.getCauseClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.getCause()).contains("line art of frame 1").contains("not a decodable image");
        assertThat(letter.getSourceTopic()).isEqualTo(topics.name(Topic.CLIPS));

        List<ConsumerRecord<String, ClipMatched>> out = service.tail(Topic.CLIPS_MATCHED, ClipMatched.class).awaitCount(1, WAIT);
        assertThat(out).extracting(ConsumerRecord::key).containsExactly("good/clip-000");

        ShotStatus failed = service.awaitFailedStatus(WAIT);
        assertThat(failed.getShotId()).isEqualTo("bad");
        assertThat(failed.getMessage()).contains("not a decodable image");
        assertThat(service.get("/health/ready").statusCode()).isEqualTo(200);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void send(ClipTask task) throws Exception {
        service.send(Topic.CLIPS, task.getClipId(), task);
    }
}
