package io.anidoc.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.anidoc.cli.station.IngestClient;
import io.anidoc.cli.station.ShotUploader;
import io.anidoc.core.shot.Shot;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.serde.EventSerdes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A station's submission started while ingest is down waits for it, says so, and the shot is delivered once. */
class SubmitThroughRestartIT {

    @TempDir
    Path dir;

    @Test
    void aSubmissionRidesThroughAnIngestRestart() throws Exception {
        Shot shot = TestShots.generate(dir.resolve("shot"), 31, 256, 144, 5, List.of(0, 4));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (LocalStack stack = LocalStack.builder(dir.resolve("work")).ingestPort(port).start();
             ShotOutcomes outcomes = ShotOutcomes.follow(stack.clientSettings())) {
            java.net.URI ingest = stack.ingestUri();
            stack.kill(PipelineService.INGEST);

            List<String> waitedFor = new CopyOnWriteArrayList<>();
            CountDownLatch refused = new CountDownLatch(1);
            IngestClient client = new IngestClient(ingest, Optional.empty(), Duration.ofMinutes(2), reason -> {
                waitedFor.add(reason);
                refused.countDown();
            });
            CompletableFuture<ShotUploader.Submission> submitting = CompletableFuture.supplyAsync(
                    () -> new ShotUploader(client).submit(shot, (done, total) -> { }));
            assertThat(refused.await(60, TimeUnit.SECONDS)).as("the client met the stopped ingest").isTrue();
            assertThat(submitting).isNotDone();

            stack.start(PipelineService.INGEST);
            ShotUploader.Submission submission = submitting.get(3, TimeUnit.MINUTES);
            long submitted = System.nanoTime();
            assertThat(submission.shotId()).isEqualTo(shot.shotId());
            assertThat(waitedFor.get(0)).contains("did not answer PUT /v1/shots/" + shot.shotId())
                    .contains("connection refused").contains("retrying for up to");

            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> outcomes.finished(shot.shotId()).isPresent());
            // the follower notes when the finished event arrived: after the seal, before anyone looked
            assertThat(outcomes.finishedArrivalNanos(shot.shotId())).hasValueSatisfying(
                    arrived -> assertThat(arrived).isBetween(submitted, System.nanoTime()));
            List<ShotFinished> announcements = TopicRecords.read(stack.clientSettings(), Topic.SHOTS_FINISHED,
                    EventSerdes.of(ShotFinished.class));
            assertThat(announcements).extracting(ShotFinished::getShotId).containsExactly(shot.shotId());
            assertThat(outcomes.deadLetters(shot.shotId())).isEmpty();
        }
    }
}
