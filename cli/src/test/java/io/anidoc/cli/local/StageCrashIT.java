package io.anidoc.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.anidoc.cli.station.IngestClient;
import io.anidoc.cli.station.ShotUploader;
import io.anidoc.core.shot.Shot;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.StageWorker;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.serde.EventSerdes;
import io.micrometer.core.instrument.Counter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stage dies in the middle of a shot; a new instance takes over and the shot is still delivered once, complete. */
class StageCrashIT {

    @TempDir
    Path dir;

    @Test
    void aColorizerKilledMidShotIsReplacedAndTheShotFinishesOnce() throws Exception {
        // three clips (keyframes 0, 2, 4, 6), colored one at a time, so the kill lands while clips remain
        Shot shot = TestShots.generate(dir.resolve("shot"), 21, 320, 180, 7, List.of(0, 2, 4, 6));
        Path direct = TestShots.direct(shot, dir.resolve("direct"));

        // static membership: the replacement takes the dead instance's place without waiting for its session to expire
        try (LocalStack stack = LocalStack.builder(dir.resolve("work"))
                .setting(PipelineService.COLORIZER, "ANIDOC_GROUP_INSTANCE_ID", "colorizer-0")
                .setting(PipelineService.COLORIZER, "ANIDOC_STAGE_CONCURRENCY", "1")
                .start();
             ShotOutcomes outcomes = ShotOutcomes.follow(stack.clientSettings())) {
            StageWorker<?, ?> first = stack.worker(PipelineService.COLORIZER).orElseThrow();
            new ShotUploader(new IngestClient(stack.ingestUri(), Optional.empty())).submit(shot, (done, total) -> { });

            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(1))
                    .until(() -> first.inFlight() > 0);
            stack.kill(PipelineService.COLORIZER);
            assertThat(first.running()).isFalse();
            assertThat(outcomes.finished(shot.shotId())).as("finished before the colorizer died").isEmpty();
            // a killed worker commits nothing more: the next one takes over from here
            long committedAtKill = PipelineDrained.committedTotal(stack.clientSettings(), "colorizer", Topic.CLIPS_TRACKED);

            stack.start(PipelineService.COLORIZER);
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> outcomes.finished(shot.shotId()).isPresent());
            // every service has committed all it read: a record done twice is on its topic by now
            PipelineDrained.await(stack.clientSettings(), Duration.ofSeconds(90));

            long tracked = TopicRecords.raw(stack.clientSettings(), Topic.CLIPS_TRACKED).size();
            assertThat(tracked).as("one tracked record per clip").isEqualTo(3);
            assertThat(committedAtKill).as("the killed colorizer had a clip in flight").isLessThan(tracked);
            Counter processed = stack.service(PipelineService.COLORIZER).context().meterRegistry()
                    .find("anidoc.stage.records.processed").counter();
            assertThat(processed).isNotNull();
            assertThat(processed.count()).as("the new colorizer does exactly the clips not committed before the kill")
                    .isEqualTo((double) (tracked - committedAtKill));

            List<ShotFinished> announcements = TopicRecords.read(stack.clientSettings(), Topic.SHOTS_FINISHED,
                    EventSerdes.of(ShotFinished.class));
            assertThat(announcements).extracting(ShotFinished::getShotId).containsExactly(shot.shotId());
            assertThat(outcomes.deadLetters(shot.shotId())).isEmpty();
            TestShots.assertSameFrames(Path.of(announcements.get(0).getOutputDir()), direct, shot.frameCount());
        }
    }
}
