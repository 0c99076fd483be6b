package io.anidoc.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.anidoc.cli.local.ChildProcess;
import io.anidoc.cli.local.TopicContents;
import io.anidoc.cli.station.IngestClient;
import io.anidoc.cli.station.ShotUploader;
import io.anidoc.core.shot.Shot;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage service told to stop by SIGTERM (what Kubernetes sends) while it works: the process
 * exits within {@code ANIDOC_SHUTDOWN_TIMEOUT}, and what it committed is exactly what it delivered,
 * so its successor neither loses nor repeats a clip.
 */
class GracefulStopIT {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final String CLIPS_TRACKED = new Topics("anidoc.").name(Topic.CLIPS_TRACKED);

    @TempDir
    Path dir;

    @Test
    void aSigtermedColorizerExitsWithinItsShutdownTimeoutWithItsOffsetsCommitted() throws Exception {
        try (ProcessStack stack = new ProcessStack(dir.resolve("stack"),
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                Map.of("ANIDOC_SHUTDOWN_TIMEOUT", SHUTDOWN_TIMEOUT.toSeconds() + "s"))) {
            stack.startAll(Duration.ofMinutes(3));
            // eight clips, so the colorizer still has work when it is told to stop
            SynthOptions options = new SynthOptions(512, 288, 25, 31, SynthOptions.MODERATE_MOTION, true, false, false, true,
                    List.of(0, 3, 6, 9, 12, 15, 18, 21, 24));
            SyntheticShotGenerator.generate(options, dir.resolve("shot"));
            Shot shot = ShotFolder.read(dir.resolve("shot"));
            IngestClient client = new IngestClient(stack.ingestUri(), Optional.empty());
            new ShotUploader(client).submit(shot, (done, total) -> { });

            // stop the colorizer as soon as it has delivered its first clip, with more on its input
            Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> !colorized(stack).isEmpty());
            ChildProcess colorizer = stack.process("colorizer");
            long start = System.nanoTime();
            colorizer.stop();
            long stoppedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(colorizer.alive()).isFalse();
            assertThat(stoppedMillis).as("SIGTERM to exit").isLessThanOrEqualTo(SHUTDOWN_TIMEOUT.toMillis());

            long committed = committedOnClipsTracked(stack);
            System.out.printf("colorizer stopped by SIGTERM in %d ms (timeout %s); %d inputs committed, %d clips delivered%n",
                    stoppedMillis, SHUTDOWN_TIMEOUT, committed, colorized(stack).size());
            assertThat(committed).as("offsets committed by the stopped colorizer").isPositive();
            assertThat(committed).as("every committed input has its delivered output, and no more")
                    .isEqualTo(colorized(stack).size());

            // its successor takes over where it stopped: every clip delivered once
            colorizer.start();
            Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> colorized(stack).size() >= 8);
            stack.awaitReady("colorizer", Duration.ofMinutes(1));
            assertThat(colorized(stack)).extracting(ClipColorized::getClipId).doesNotHaveDuplicates().hasSize(8);
        }
    }

    private static List<ClipColorized> colorized(ProcessStack stack) {
        return TopicContents.read(stack.clientSettings(), Topic.CLIPS_COLORIZED, EventSerdes.of(ClipColorized.class).deserializer());
    }

    /** Sum of the committed offsets on the colorizer's input topic, over every group that reads it. */
    private static long committedOnClipsTracked(ProcessStack stack) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            long sum = 0;
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS)) {
                // stable offsets only: a transaction's offsets reach the group after its commit returns, when
                // the coordinator writes its marker; without this the count can lag the delivered outputs
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId(),
                                new ListConsumerGroupOffsetsOptions().requireStable(true))
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                for (Map.Entry<TopicPartition, OffsetAndMetadata> offset : offsets.entrySet()) {
                    if (offset.getKey().topic().equals(CLIPS_TRACKED) && offset.getValue() != null) {
                        sum += offset.getValue().offset();
                    }
                }
            }
            return sum;
        }
    }
}
