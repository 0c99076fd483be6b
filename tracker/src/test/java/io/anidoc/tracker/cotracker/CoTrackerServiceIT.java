package io.anidoc.tracker.cotracker;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.flow.FlowField;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.embedded.inference.InferenceServer;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.Intermediates;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.runtime.testing.StageServiceUnderTest;
import io.anidoc.runtime.testing.SynthClip;
import io.anidoc.runtime.testing.TestModelRepository;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.tracker.TrackerMain;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker with {@code ANIDOC_TRACKER_ENGINE=cotracker} against the embedded inference server
 * and its stand-in model, whose points stay where they are: the densified fields must be still.
 */
class CoTrackerServiceIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path work;

    private InferenceServer server;
    private StageServiceUnderTest service;

    @BeforeEach
    void start() throws Exception {
        server = InferenceServer.start(TestModelRepository.copy(work.resolve("models"), "cotracker"), "127.0.0.1", 0);
        service = StageServiceUnderTest.start(KAFKA, "tracker", new StageService<>(TrackerMain.MODULE), work,
                "ANIDOC_TRACKER_ENGINE", "cotracker",
                "ANIDOC_TRITON_TARGET", "127.0.0.1:" + server.port(),
                // 4 frames in windows of 3: each reference's points are carried through two windows
                "ANIDOC_TRACKER_COTRACKER_MAX_FRAMES", "3",
                "ANIDOC_TRACKER_COTRACKER_MAX_SIDE", "128");
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        server.close();
    }

    @Test
    void tracksAGeneratedClipInWindowsAndDensifiesTheTracksIntoTheCpuEnginesFields() throws Exception {
        SynthClip clip = SynthClip.create(work.resolve("shot"), service.blobs(), "ct");
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames frames = engine.prepare(clip.readDirectly());
        ClipMatches matches = engine.match(frames);
        ClipMatched input = ClipMatched.newBuilder()
                .setClipId(clip.task().getClipId())
                .setShotId("ct")
                .setTask(clip.task())
                .setMatches(Intermediates.putMatches(service.blobs(), matches))
                .setEngine("cpu-sift")
                .setStageMillis(Map.of("matcher", 3L))
                .build();
        service.send(Topic.CLIPS_MATCHED, input.getClipId(), input);

        List<ConsumerRecord<String, ClipTracked>> out = service.tail(Topic.CLIPS_TRACKED, ClipTracked.class).awaitCount(1, WAIT);
        ClipTracked tracked = out.get(0).value();
        assertThat(tracked.getEngine()).isEqualTo(CoTrackerTracker.NAME);
        assertThat(tracked.getMatches()).isEqualTo(input.getMatches());
        assertThat(tracked.getStageMillis()).containsEntry("matcher", 3L).containsKey("tracker");
        assertThat(tracked.getDense().getMediaType()).isEqualTo(Intermediates.DENSE_MEDIA_TYPE);
        DenseCorrespondence dense = Intermediates.decodeDense(service.blobs().get(tracked.getDense()));

        // the fields the CPU engine gives, on its grid
        DenseCorrespondence cpu = engine.track(frames, matches);
        assertThat(dense.width()).isEqualTo(256);
        assertThat(dense.height()).isEqualTo(144);
        assertThat(dense.gridWidth()).isEqualTo(cpu.gridWidth());
        assertThat(dense.gridHeight()).isEqualTo(cpu.gridHeight());
        assertThat(dense.fields()).extracting(f -> f.from() + "->" + f.to())
                .containsExactlyElementsOf(cpu.fields().stream().map(f -> f.from() + "->" + f.to()).toList());
        // static tracks everywhere: no displacement, and the query grid covers the frame
        for (FlowField field : dense.fields()) {
            for (int i = 0; i < field.dx().length; i++) {
                assertThat(field.dx()[i]).isZero();
                assertThat(field.dy()[i]).isZero();
            }
            assertThat(field.meanConfidence()).as("confidence of %d->%d", field.from(), field.to()).isGreaterThan(0.5);
        }

        service.assertProcessedTheOnlyClip("tracker", "ct/clip-000", WAIT);
        // two references, each carried through two windows of at most 3 frames
        assertThat(service.get("/metrics").body()).containsPattern(
                "anidoc_inference_call_seconds_count\\{[^}]*model=\"cotracker\"[^}]*outcome=\"OK\"[^}]*rpc=\"ModelInfer\"[^}]*} 4(\\.0)?\n");
    }
}
