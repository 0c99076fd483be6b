package io.anidoc.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.pipeline.Sha256;
import io.anidoc.runtime.blob.FileBlobStore;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.retake.RetakeOptions;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.FinishedFrame;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SinkTopologyTest {

    private static final Topics TOPICS = new Topics("anidoc.");

    @TempDir
    Path work;

    private Path out;
    private FileBlobStore blobs;
    private ColoredClips clips;
    private TopologyTestDriver driver;
    private TestInputTopic<String, ClipColorized> colorized;
    private TestOutputTopic<String, ShotFinished> finished;
    private TestOutputTopic<String, ShotStatus> status;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start() throws IOException {
        out = work.resolve("out");
        blobs = new FileBlobStore(work.resolve("blobs"));
        clips = new ColoredClips(blobs);
        driver = newDriver("state-1");
    }

    private TopologyTestDriver newDriver(String stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "sink-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve(stateDir).toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        TopologyTestDriver d = new TopologyTestDriver(SinkTopology.build(TOPICS, blobs, out), props);
        colorized = d.createInputTopic(TOPICS.name(Topic.CLIPS_COLORIZED), new StringSerializer(),
                EventSerdes.of(ClipColorized.class).serializer());
        finished = d.createOutputTopic(TOPICS.name(Topic.SHOTS_FINISHED), new StringDeserializer(),
                EventSerdes.of(ShotFinished.class).deserializer());
        status = d.createOutputTopic(TOPICS.name(Topic.SHOTS_STATUS), new StringDeserializer(),
                EventSerdes.of(ShotStatus.class).deserializer());
        deadLetters = d.createOutputTopic(TOPICS.name(Topic.DEADLETTER), new StringDeserializer(),
                EventSerdes.of(DeadLetter.class).deserializer());
        return d;
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aRetakeIsDeliveredAsTheNextVersionOfItsShotInAFolderOfItsOwn() throws Exception {
        ClipColorized original = clips.clip("s7", 0, 1, range(0, 3), List.of(0), Map.of("matcher", 1L));
        colorized.pipeInput(original.getClipId(), original);
        ClipColorized retake = clips.clip("s7.v2", 0, 1, range(0, 3), List.of(0, 3), Map.of("matcher", 1L));
        retake.getTask().setOptions(new RetakeOptions("s7", 2).options());
        colorized.pipeInput(retake.getClipId(), retake);
        // options that name another shot without running under the retake's id deliver nothing elsewhere
        ClipColorized impostor = clips.clip("other", 0, 1, range(0, 3), List.of(0), Map.of("matcher", 1L));
        impostor.getTask().setOptions(new RetakeOptions("s7", 3).options());
        colorized.pipeInput(impostor.getClipId(), impostor);

        List<ShotFinished> shots = finished.readValuesToList();
        assertThat(shots).extracting(ShotFinished::getShotId).containsExactly("s7", "s7", "other");
        assertThat(shots).extracting(ShotFinished::getVersion).containsExactly(1, 2, 1);
        assertThat(shots).extracting(ShotFinished::getPipelineShotId).containsExactly(null, "s7.v2", null);
        Path v2 = out.resolve("s7").resolve("v2").toAbsolutePath();
        assertThat(shots.get(1).getOutputDir()).isEqualTo(v2.toString());
        assertThat(Files.readAllBytes(v2.resolve("color/0003.png"))).isEqualTo(ColoredClips.png(3, "color"));
        assertThat(Files.readString(v2.resolve("manifest.json"))).contains("\"shotId\" : \"s7\"");
        assertThat(out.resolve("s7/manifest.json")).isRegularFile();
        assertThat(out.resolve("s7/v3")).doesNotExist();
    }

    @Test
    void allClipsGiveOneShotFinishedAndTheDeliverables() throws Exception {
        ClipColorized first = clips.clip("s1", 0, 2, range(0, 5), List.of(0, 5), Map.of("matcher", 10L, "colorizer", 30L));
        ClipColorized second = clips.clip("s1", 1, 2, range(5, 9), List.of(5, 9), Map.of("matcher", 1L, "tracker", 7L));
        colorized.pipeInput(second.getClipId(), second);
        assertThat(finished.isEmpty()).isTrue();
        colorized.pipeInput(first.getClipId(), first);

        List<ShotFinished> shots = finished.readValuesToList();
        assertThat(shots).hasSize(1);
        ShotFinished shot = shots.get(0);
        Path dir = out.resolve("s1").toAbsolutePath();
        assertThat(shot.getShotId()).isEqualTo("s1");
        assertThat(shot.getFrameCount()).isEqualTo(10);
        assertThat(shot.getOutputDir()).isEqualTo(dir.toString());
        assertThat(shot.getManifestUri()).isEqualTo(dir.resolve("manifest.json").toUri().toString());
        assertThat(shot.getStageMillis()).containsExactlyInAnyOrderEntriesOf(Map.of("matcher", 11L, "colorizer", 30L, "tracker", 7L));
        assertThat(shot.getFrames()).extracting(FinishedFrame::getIndex).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        for (FinishedFrame frame : shot.getFrames()) {
            String name = String.format("%04d.png", frame.getIndex());
            for (String layer : ShotColorizer.LAYERS) {
                assertThat(Files.readAllBytes(dir.resolve(layer).resolve(name)))
                        .as("%s/%s", layer, name).isEqualTo(ColoredClips.png(frame.getIndex(), layer));
            }
            assertThat(frame.getColorUri()).isEqualTo(dir.resolve("color").resolve(name).toUri().toString());
            assertThat(frame.getColorSha256()).isEqualTo(Sha256.hex(ColoredClips.png(frame.getIndex(), "color")));
            assertThat(frame.getLinesSha256()).isEqualTo(Sha256.hex(ColoredClips.png(frame.getIndex(), "lines")));
            boolean reference = List.of(0, 5, 9).contains(frame.getIndex());
            assertThat(frame.getUncertainShare()).isEqualTo(reference ? 0.0 : frame.getIndex() / 100.0);
            assertThat(frame.getConfidenceUri()).isEqualTo(dir.resolve("confidence").resolve(name).toUri().toString());
            assertThat(frame.getConfidenceSha256()).isEqualTo(Sha256.hex(ColoredClips.png(frame.getIndex(), "confidence")));
        }
        try (var files = Files.list(dir.resolve("color"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the boundary keyframe is written once, no temporary files stay")
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(0, 9).mapToObj(i -> String.format("%04d.png", i)).toList());
        }

        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertThat(manifest.get("shotId").asText()).isEqualTo("s1");
        assertThat(manifest.get("frameCount").asInt()).isEqualTo(10);
        assertThat(manifest.get("width").asInt()).isEqualTo(ColoredClips.WIDTH);
        assertThat(manifest.get("keyframes").toString()).isEqualTo("[0,5,9]");
        assertThat(manifest.get("engine").asText()).isEqualTo("cpu-regions");
        assertThat(manifest.get("frames")).hasSize(10);
        assertThat(manifest.get("frames").get(5).get("reference").asBoolean()).isTrue();
        assertThat(manifest.get("frames").get(6).get("reference").asBoolean()).isFalse();
        JsonNode uncertain = manifest.get("frames").get(6).get("uncertainRegions");
        assertThat(manifest.get("frames").get(6).get("uncertainShare").asDouble()).isEqualTo(0.06);
        assertThat(uncertain).hasSize(1);
        assertThat(uncertain.get(0).get("color").asText()).isEqualTo("#ff0000");
        assertThat(uncertain.get(0).get("candidates").get(0).asText()).isEqualTo("#00ff00");
        assertThat(manifest.get("frames").get(5).get("uncertainRegions")).isEmpty();
        assertThat(manifest.get("frames").get(3).get("fill").get("path").asText()).isEqualTo("fill/0003.png");
        assertThat(manifest.get("frames").get(3).get("fill").get("sha256").asText())
                .isEqualTo(Sha256.hex(ColoredClips.png(3, "fill")));
        assertThat(manifest.get("clips")).hasSize(2);
        assertThat(manifest.get("clips").get(1).get("clipId").asText()).isEqualTo("s1/clip-001");
        assertThat(manifest.get("clips").get(1).get("references").toString()).isEqualTo("[5,9]");
        assertThat(manifest.get("warnings").toString()).isEqualTo("[\"clip 1 is long\"]");
        assertThat(manifest.get("stageMillis").get("matcher").asLong()).isEqualTo(11L);

        List<ShotStatus> reports = status.readValuesToList();
        assertThat(reports).extracting(ShotStatus::getState)
                .containsExactly(ShotState.IN_PROGRESS, ShotState.IN_PROGRESS, ShotState.FINISHED);
        assertThat(reports.get(2).getStage()).isEqualTo("sink");
        assertThat(reports.get(2).getTotal()).isEqualTo(2);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aMissingClipMeansNothingIsDelivered() throws Exception {
        ClipColorized first = clips.clip("s2", 0, 3, range(0, 4), List.of(0, 4), Map.of());
        ClipColorized third = clips.clip("s2", 2, 3, range(8, 9), List.of(8), Map.of());
        colorized.pipeInput(first.getClipId(), first);
        colorized.pipeInput(third.getClipId(), third);

        assertThat(finished.isEmpty()).isTrue();
        assertThat(out.resolve("s2")).doesNotExist();
        assertThat(status.readValuesToList()).extracting(ShotStatus::getCompleted).containsExactly(1, 2);
    }

    @Test
    void repeatedClipsStillGiveExactlyOneShotFinished() throws Exception {
        ClipColorized first = clips.clip("s3", 0, 2, range(0, 3), List.of(0, 3), Map.of("matcher", 5L));
        ClipColorized second = clips.clip("s3", 1, 2, range(3, 6), List.of(3, 6), Map.of("matcher", 5L));
        colorized.pipeInput(first.getClipId(), first);
        colorized.pipeInput(first.getClipId(), first);
        colorized.pipeInput(second.getClipId(), second);
        byte[] manifest = Files.readAllBytes(out.resolve("s3/manifest.json"));
        colorized.pipeInput(second.getClipId(), second);
        colorized.pipeInput(first.getClipId(), first);

        assertThat(finished.readValuesToList()).hasSize(1);
        assertThat(finished.isEmpty()).isTrue();
        assertThat(status.readValuesToList()).extracting(ShotStatus::getState)
                .containsExactly(ShotState.IN_PROGRESS, ShotState.IN_PROGRESS, ShotState.FINISHED);
        assertThat(Files.readAllBytes(out.resolve("s3/manifest.json"))).isEqualTo(manifest);
    }

    @Test
    void deliveringTheSameClipsAgainWritesTheSameBytes() throws Exception {
        ClipColorized first = clips.clip("s4", 0, 2, range(0, 2), List.of(0, 2), Map.of("matcher", 3L, "tracker", 4L));
        ClipColorized second = clips.clip("s4", 1, 2, range(2, 4), List.of(2, 4), Map.of("matcher", 3L));
        colorized.pipeInput(first.getClipId(), first);
        colorized.pipeInput(second.getClipId(), second);
        byte[] manifest = Files.readAllBytes(out.resolve("s4/manifest.json"));
        ShotFinished once = finished.readValue();

        // a fresh application (state lost, as after a crash before the commit) processes the clips again
        driver.close();
        driver = newDriver("state-2");
        colorized.pipeInput(second.getClipId(), second);
        colorized.pipeInput(first.getClipId(), first);
        ShotFinished again = finished.readValue();

        assertThat(Files.readAllBytes(out.resolve("s4/manifest.json"))).isEqualTo(manifest);
        assertThat(again.getFrames()).isEqualTo(once.getFrames());
        assertThat(again.getManifestUri()).isEqualTo(once.getManifestUri());
    }

    @Test
    void aMissingBlobIsReportedAndAReplayedClipDeliversOnceTheBlobIsThere() throws Exception {
        ClipColorized first = clips.clip("s5", 0, 1, range(0, 2), List.of(0, 2), Map.of());
        Path blob = blobs.pathOf(io.anidoc.runtime.blob.BlobAddress.parse(first.getFrames().get(1).getColor().getUri()));
        byte[] saved = Files.readAllBytes(blob);
        Files.delete(blob);

        colorized.pipeInput(first.getClipId(), first);
        assertThat(finished.isEmpty()).isTrue();
        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getStage()).isEqualTo("sink");
        assertThat(letter.getShotId()).isEqualTo("s5");
        assertThat(letter.getCauseClass()).isEqualTo(io.anidoc.runtime.blob.BlobNotFoundException.class.getName());
        List<ShotStatus> reports = status.readValuesToList();
        assertThat(reports).extracting(ShotStatus::getState).containsExactly(ShotState.IN_PROGRESS, ShotState.FAILED);
        assertThat(reports.get(1).getClipId()).isEqualTo("s5/clip-000");

        Files.write(blob, saved);
        colorized.pipeInput(first.getClipId(), first);
        assertThat(finished.readValue().getFrameCount()).isEqualTo(3);
    }

    @Test
    void aShotIdThatIsNoSafeFolderNameIsDeadLettered() throws Exception {
        ClipColorized evil = clips.clip("..", 0, 1, range(0, 1), List.of(0), Map.of());
        colorized.pipeInput(evil.getClipId(), evil);
        assertThat(deadLetters.readValue().getCause()).contains("not usable as a folder name");
        assertThat(finished.isEmpty()).isTrue();
        assertThat(work.resolve("out")).doesNotExist();
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.rangeClosed(from, to).boxed().toList();
    }
}
