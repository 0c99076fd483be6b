package io.anidoc.colorizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.runtime.testing.StageServiceExtension;
import io.anidoc.runtime.testing.SynthClip;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipTracked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A colorizer that warmed its engine up on a generated clip before joining its group. */
class WarmedUpColorizerIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @RegisterExtension
    final StageServiceExtension stage = new StageServiceExtension(KAFKA, "colorizer",
            () -> new StageService<>(ColorizerMain.MODULE), "ANIDOC_STAGE_WARMUP_FRAMES", "3");

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void itColorsItsFirstClipWithTheDirectRunsBytes() throws Exception {
        SynthClip clip = SynthClip.create(stage.work().resolve("shot"), stage.blobs(), "synth");
        ClipTracked tracked = ColorizerServiceIT.trackedByTheEngine(stage, clip);
        stage.service().send(Topic.CLIPS_TRACKED, tracked.getClipId(), tracked);

        ClipColorized colorized = stage.service().tail(Topic.CLIPS_COLORIZED, ClipColorized.class).awaitCount(1, WAIT)
                .get(0).value();

        // nothing of the warm-up clip is left in the engine to change what it paints
        ColorizerServiceIT.assertSameBytesAsTheDirectRun(stage, clip, colorized);
        stage.service().assertProcessedTheOnlyClip("colorizer", "synth/clip-000", WAIT);
        assertThat(stage.service().get("/health/ready").statusCode()).isEqualTo(200);
    }
}
