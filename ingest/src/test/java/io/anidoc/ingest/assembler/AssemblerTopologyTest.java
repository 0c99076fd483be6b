package io.anidoc.ingest.assembler;

import io.anidoc.ingest.state.ShotDeclaration;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.streams.DeadLetterOnBadRecord;
import io.anidoc.schemas.ClipFrame;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.FrameKind;
import io.anidoc.schemas.ShotEvent;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import static io.anidoc.ingest.assembler.ShotEvents.key;
import static io.anidoc.ingest.assembler.ShotEvents.line;
import static io.anidoc.ingest.assembler.ShotEvents.opened;
import static io.anidoc.ingest.assembler.ShotEvents.sealed;
import static org.assertj.core.api.Assertions.assertThat;

class AssemblerTopologyTest {

    private static final Topics TOPICS = new Topics("anidoc.");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, FrameIngested> frames;
    private TestInputTopic<String, ShotEvent> shots;
    private TestOutputTopic<String, ClipTask> clips;
    private TestOutputTopic<String, ShotStatus> status;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "assembler-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOnBadRecord.class.getName());
        props.put(DeadLetterOnBadRecord.DEAD_LETTER_TOPIC, TOPICS.name(Topic.DEADLETTER));
        props.put(DeadLetterOnBadRecord.STATUS_TOPIC, TOPICS.name(Topic.SHOTS_STATUS));
        props.put(DeadLetterOnBadRecord.STAGE, "assembler");
        driver = new TopologyTestDriver(AssemblerTopology.build(TOPICS, 16), props);
        frames = driver.createInputTopic(TOPICS.name(Topic.FRAMES), new StringSerializer(),
                EventSerdes.of(FrameIngested.class).serializer());
        shots = driver.createInputTopic(TOPICS.name(Topic.SHOTS), new StringSerializer(),
                EventSerdes.of(ShotEvent.class).serializer());
        clips = driver.createOutputTopic(TOPICS.name(Topic.CLIPS), new StringDeserializer(),
                EventSerdes.of(ClipTask.class).deserializer());
        status = driver.createOutputTopic(TOPICS.name(Topic.SHOTS_STATUS), new StringDeserializer(),
                EventSerdes.of(ShotStatus.class).deserializer());
        deadLetters = driver.createOutputTopic(TOPICS.name(Topic.DEADLETTER), new StringDeserializer(),
                EventSerdes.of(DeadLetter.class).deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aShotWithoutKeyframesWaitsForItsModelSheetsAndHandsThemToEveryClip() {
        shots.pipeInput("m1", sheetShot(ShotEvents.opened("m1", 20, List.of(), Map.of("maxDrawings", "8"))));
        for (int i = 0; i < 20; i++) {
            frames.pipeInput("m1", line("m1", i));
        }
        shots.pipeInput("m1", sheetShot(sealed("m1", 20, List.of(), Map.of("maxDrawings", "8",
                ShotDeclaration.KEYFRAME_LINES_OPTION, ""))));
        assertThat(clips.isEmpty()).as("the sheets are not there yet").isTrue();
        assertThat(status.readValuesToList()).extracting(ShotStatus::getMessage)
                .anySatisfy(m -> assertThat(m).contains("sheet hero").contains("sheet prop"));

        frames.pipeInput("m1", sheet("m1", 1, "prop"));
        assertThat(clips.isEmpty()).isTrue();
        frames.pipeInput("m1", sheet("m1", 0, "hero"));

        List<ClipTask> tasks = clips.readValuesToList();
        assertThat(tasks).extracting(t -> t.getFrames().size()).containsExactly(8, 8, 4);
        for (ClipTask task : tasks) {
            assertThat(task.getFrames()).allSatisfy(f -> assertThat(f.getKey()).isNull());
            assertThat(task.getSheets()).extracting(s -> s.getName()).containsExactly("hero", "prop");
            assertThat(task.getSheets().get(0).getImage()).isEqualTo(sheet("m1", 0, "hero").getImage());
        }
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    private static ShotEvent sheetShot(ShotEvent event) {
        if (event.getEvent() instanceof io.anidoc.schemas.ShotOpened opened) {
            opened.setSheetNames(List.of("hero", "prop"));
        } else if (event.getEvent() instanceof io.anidoc.schemas.ShotSealed sealedShot) {
            sealedShot.setSheetNames(List.of("hero", "prop"));
        }
        return event;
    }

    private static FrameIngested sheet(String shotId, int index, String name) {
        FrameIngested frame = ShotEvents.frame(shotId, FrameKind.SHEET, index, "v1");
        frame.setSheetName(name);
        frame.setWidth(300);
        frame.setHeight(500);
        return frame;
    }

    @Test
    void aCompleteSealedShotGivesExactlyItsClipTasks() {
        List<Integer> keys = List.of(0, 5, 9);
        shots.pipeInput("s1", opened("s1", 10, keys, Map.of("engine", "cpu")));
        sendAllImages("s1", 10, keys);
        assertThat(clips.isEmpty()).as("nothing is cut before the seal").isTrue();

        shots.pipeInput("s1", sealed("s1", 10, keys, Map.of("engine", "cpu", ShotDeclaration.KEYFRAME_LINES_OPTION, "")));

        List<KeyValue<String, ClipTask>> tasks = clips.readKeyValuesToList();
        assertThat(tasks).extracting(kv -> kv.key).containsExactly("s1/clip-000", "s1/clip-001");
        ClipTask first = tasks.get(0).value;
        assertThat(first.getShotId()).isEqualTo("s1");
        assertThat(first.getClipIndex()).isZero();
        assertThat(first.getClipCount()).isEqualTo(2);
        assertThat(first.getWidth()).isEqualTo(64);
        assertThat(first.getHeight()).isEqualTo(48);
        assertThat(first.getOptions()).containsExactly(Map.entry("engine", "cpu"));
        assertThat(first.getWarnings()).isEmpty();
        assertThat(first.getFrames()).extracting(ClipFrame::getIndex).containsExactly(0, 1, 2, 3, 4, 5);
        for (ClipFrame frame : first.getFrames()) {
            boolean reference = frame.getIndex() == 0 || frame.getIndex() == 5;
            if (reference) {
                assertThat(frame.getKey()).isEqualTo(key("s1", frame.getIndex()).getImage());
                assertThat(frame.getLine()).as("no line art was sent for keyframe %d", frame.getIndex()).isNull();
            } else {
                assertThat(frame.getLine()).isEqualTo(line("s1", frame.getIndex()).getImage());
                assertThat(frame.getKey()).isNull();
            }
        }
        ClipTask second = tasks.get(1).value;
        assertThat(second.getClipIndex()).isEqualTo(1);
        assertThat(second.getFrames()).extracting(ClipFrame::getIndex).containsExactly(5, 6, 7, 8, 9);
        assertThat(second.getFrames().get(0).getKey()).isEqualTo(key("s1", 5).getImage());
        assertThat(second.getFrames().get(4).getKey()).isEqualTo(key("s1", 9).getImage());

        List<ShotStatus> reports = status.readValuesToList();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).getState()).isEqualTo(ShotState.CLIPPED);
        assertThat(reports.get(0).getStage()).isEqualTo("assembler");
        assertThat(reports.get(0).getTotal()).isEqualTo(2);
        assertThat(reports.get(0).getCompleted()).isEqualTo(2);
    }

    @Test
    void framesArrivingAfterTheSealAreAwaitedAndTheShotIsCutOnTheLastOne() {
        List<Integer> keys = List.of(0, 7);
        shots.pipeInput("late", opened("late", 8, keys, Map.of()));
        shots.pipeInput("late", sealed("late", 8, keys, Map.of()));
        ShotStatus waiting = status.readValue();
        assertThat(waiting.getState()).isEqualTo(ShotState.SEALED);
        assertThat(waiting.getTotal()).isEqualTo(8);
        assertThat(waiting.getMessage()).contains("waiting for 8 of 8 images");

        frames.pipeInput("late", key("late", 0));
        frames.pipeInput("late", key("late", 7));
        for (int i = 1; i <= 5; i++) {
            frames.pipeInput("late", line("late", i));
        }
        assertThat(clips.isEmpty()).as("line 6 is still missing").isTrue();

        frames.pipeInput("late", line("late", 6));
        List<ClipTask> tasks = clips.readValuesToList();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).getFrames()).extracting(ClipFrame::getIndex).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(tasks.get(0).getFrames().get(6).getLine()).isEqualTo(line("late", 6).getImage());
        assertThat(status.readValue().getState()).isEqualTo(ShotState.CLIPPED);
    }

    @Test
    void repeatedRecordsNeverRepeatAClipTask() {
        List<Integer> keys = List.of(0, 4, 8);
        for (int round = 0; round < 2; round++) {
            shots.pipeInput("dup", opened("dup", 9, keys, Map.of()));
            sendAllImages("dup", 9, keys);
        }
        shots.pipeInput("dup", sealed("dup", 9, keys, Map.of()));
        shots.pipeInput("dup", sealed("dup", 9, keys, Map.of()));
        sendAllImages("dup", 9, keys);
        shots.pipeInput("dup", opened("dup", 9, keys, Map.of()));
        shots.pipeInput("dup", sealed("dup", 9, keys, Map.of()));

        assertThat(clips.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("dup/clip-000", "dup/clip-001");
        assertThat(status.readValuesToList()).extracting(ShotStatus::getState).containsExactly(ShotState.CLIPPED);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aRunLongerThanTheClipLimitIsKeptWithAWarning() {
        List<Integer> keys = List.of(0, 19);
        Map<String, String> options = Map.of("maxDrawings", "4");
        shots.pipeInput("long", opened("long", 20, keys, options));
        sendAllImages("long", 20, keys);
        shots.pipeInput("long", sealed("long", 20, keys, options));

        List<ClipTask> tasks = clips.readValuesToList();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).getFrames()).hasSize(20);
        assertThat(tasks.get(0).getWarnings()).singleElement().asString()
                .contains("frames 0001-0018").contains("18 drawings").contains("limit of 4");
        List<ShotStatus> reports = status.readValuesToList();
        assertThat(reports).extracting(ShotStatus::getState).containsExactly(ShotState.CLIPPED, ShotState.WARNING);
        assertThat(reports.get(0).getMessage()).contains("at most 4 drawings");
        assertThat(reports.get(1).getClipId()).isEqualTo("long/clip-000");
        assertThat(reports.get(1).getMessage()).isEqualTo(tasks.get(0).getWarnings().get(0));
    }

    @Test
    void theShotOptionOverridesTheDefaultClipLimit() {
        List<Integer> keys = List.of(0, 19);
        shots.pipeInput("wide", opened("wide", 20, keys, Map.of("maxDrawings", "18")));
        sendAllImages("wide", 20, keys);
        shots.pipeInput("wide", sealed("wide", 20, keys, Map.of("maxDrawings", "18")));
        assertThat(clips.readValue().getWarnings()).isEmpty();

        // without the option the default of 16 applies and 18 drawings exceed it
        shots.pipeInput("narrow", sealed("narrow", 20, keys, Map.of()));
        sendAllImages("narrow", 20, keys);
        assertThat(clips.readValue().getWarnings()).singleElement().asString().contains("limit of 16");
    }

    @Test
    void imagesSentBeforeTheDeclarationCount() {
        List<Integer> keys = List.of(0, 3);
        sendAllImages("early", 4, keys);
        shots.pipeInput("early", opened("early", 4, keys, Map.of()));
        shots.pipeInput("early", sealed("early", 4, keys, Map.of()));
        assertThat(clips.readValuesToList()).hasSize(1);
    }

    @Test
    void keyframeLineArtNamedByTheSealIsAwaitedAndPassedOn() {
        List<Integer> keys = List.of(0, 3);
        Map<String, String> sealOptions = Map.of(ShotDeclaration.KEYFRAME_LINES_OPTION, "0", "look", "soft");
        shots.pipeInput("kl", opened("kl", 4, keys, Map.of("look", "soft")));
        sendAllImages("kl", 4, keys);
        shots.pipeInput("kl", sealed("kl", 4, keys, sealOptions));
        assertThat(clips.isEmpty()).as("the line art of keyframe 0 is part of the shot").isTrue();

        frames.pipeInput("kl", line("kl", 0));
        ClipTask task = clips.readValue();
        assertThat(task.getFrames().get(0).getLine()).isEqualTo(line("kl", 0).getImage());
        assertThat(task.getFrames().get(0).getKey()).isEqualTo(key("kl", 0).getImage());
        assertThat(task.getFrames().get(3).getLine()).isNull();
        assertThat(task.getOptions()).as("pipeline bookkeeping stays out of the stage options")
                .containsExactly(Map.entry("look", "soft"));
    }

    @Test
    void aDifferentImageForATakenSlotIsIgnoredWithAWarning() {
        List<Integer> keys = List.of(0, 2);
        shots.pipeInput("cf", opened("cf", 3, keys, Map.of()));
        frames.pipeInput("cf", line("cf", 1));
        frames.pipeInput("cf", ShotEvents.frame("cf", FrameKind.LINE, 1, "v2"));
        ShotStatus warning = status.readValue();
        assertThat(warning.getState()).isEqualTo(ShotState.WARNING);
        assertThat(warning.getMessage()).contains("line 1").contains("is kept");

        frames.pipeInput("cf", key("cf", 0));
        frames.pipeInput("cf", key("cf", 2));
        shots.pipeInput("cf", sealed("cf", 3, keys, Map.of()));
        assertThat(clips.readValue().getFrames().get(1).getLine()).isEqualTo(line("cf", 1).getImage());
    }

    @Test
    void keyframesOutsideEveryPlannedClipGetAClipOfTheirOwn() {
        List<Integer> keys = List.of(0, 1);
        shots.pipeInput("adj", opened("adj", 4, keys, Map.of()));
        sendAllImages("adj", 4, keys);
        shots.pipeInput("adj", sealed("adj", 4, keys, Map.of()));

        List<ClipTask> tasks = clips.readValuesToList();
        assertThat(tasks).extracting(ClipTask::getClipId).containsExactly("adj/clip-000", "adj/clip-001");
        assertThat(tasks.get(0).getFrames()).extracting(ClipFrame::getIndex).containsExactly(1, 2, 3);
        assertThat(tasks.get(1).getFrames()).extracting(ClipFrame::getIndex).containsExactly(0);
        assertThat(tasks.get(1).getFrames().get(0).getKey()).isEqualTo(key("adj", 0).getImage());
        assertThat(tasks).allSatisfy(t -> assertThat(t.getClipCount()).isEqualTo(2));
    }

    @Test
    void aRecordItCannotUseIsDeadLetteredAndTheNextShotStillWorks() {
        FrameIngested misrouted = line("mine", 1);
        frames.pipeInput("other", misrouted);
        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getStage()).isEqualTo("assembler");
        assertThat(letter.getCause()).contains("differs from its shot id 'mine'");
        assertThat(letter.getCauseClass()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.getSourceTopic()).isEqualTo(TOPICS.name(Topic.FRAMES));
        assertThat(letter.getShotId()).isEqualTo("other");
        assertThat(bytes(letter.getKey())).isEqualTo("other".getBytes(StandardCharsets.UTF_8));
        assertThat(EventSerdes.of(FrameIngested.class).deserializer().deserialize("t", bytes(letter.getValue())))
                .isEqualTo(misrouted);
        ShotStatus failed = status.readValue();
        assertThat(failed.getState()).isEqualTo(ShotState.FAILED);
        assertThat(failed.getShotId()).isEqualTo("other");

        List<Integer> keys = List.of(0, 2);
        shots.pipeInput("good", opened("good", 3, keys, Map.of()));
        sendAllImages("good", 3, keys);
        shots.pipeInput("good", sealed("good", 3, keys, Map.of()));
        assertThat(clips.readValuesToList()).hasSize(1);
    }

    @Test
    void aShotIdReusedAfterTheShotWasCutIsDeadLetteredAndReportedFailed() {
        List<Integer> keys = List.of(0, 2);
        shots.pipeInput("reused", opened("reused", 3, keys, Map.of()));
        sendAllImages("reused", 3, keys);
        shots.pipeInput("reused", sealed("reused", 3, keys, Map.of()));
        assertThat(clips.readValuesToList()).hasSize(1);
        assertThat(status.readValue().getState()).isEqualTo(ShotState.CLIPPED);

        // ingest forgot the shot (its records passed the retention) and accepted the id again
        shots.pipeInput("reused", opened("reused", 3, keys, Map.of(), 90_000L));
        sendAllImages("reused", 3, keys);
        shots.pipeInput("reused", sealed("reused", 3, keys, Map.of()));

        DeadLetter letter = deadLetters.readValue();
        assertThat(letter.getStage()).isEqualTo("assembler");
        assertThat(letter.getShotId()).isEqualTo("reused");
        assertThat(letter.getCause()).contains("shot 'reused' is sealed").contains("a shot id is used once");
        ShotStatus failed = status.readValue();
        assertThat(failed.getState()).isEqualTo(ShotState.FAILED);
        assertThat(failed.getMessage()).contains("a shot id is used once");
        assertThat(clips.isEmpty()).as("nothing of the second shot is cut").isTrue();
        assertThat(status.isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    private void sendAllImages(String shotId, int frameCount, List<Integer> keys) {
        IntStream.range(0, frameCount).filter(i -> !keys.contains(i)).forEach(i -> frames.pipeInput(shotId, line(shotId, i)));
        keys.forEach(k -> frames.pipeInput(shotId, key(shotId, k)));
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

}
