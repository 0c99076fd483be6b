package io.anidoc.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.anidoc.cli.station.IngestClient;
import io.anidoc.cli.station.IngestClient.ImageKind;
import io.anidoc.cli.station.IngestException;
import io.anidoc.cli.station.ProgressBar;
import io.anidoc.cli.station.ShotFailedException;
import io.anidoc.cli.station.ShotProgress;
import io.anidoc.cli.station.ShotUploader;
import io.anidoc.cli.station.ShotWaiter;
import io.anidoc.core.image.Images;
import io.anidoc.core.image.OpenCv;
import io.anidoc.core.shot.Shot;
import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.kafka.KafkaClients;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipFrame;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.runtime.testing.PngBytes;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** Bad uploads and a poisoned clip record are refused or dead-lettered without disturbing a good shot in flight. */
class BadInputIT {

    private static final String MISSING_SHA = "0".repeat(63) + "1";

    @TempDir
    Path dir;

    @Test
    void badInputIsRefusedOrDeadLetteredWhileAGoodShotFinishes() throws Exception {
        Shot good = TestShots.generate(dir.resolve("good"), 31, 256, 144, 7, List.of(0, 3, 6));
        Path direct = TestShots.direct(good, dir.resolve("direct"));
        byte[] line1 = Files.readAllBytes(good.lines().get(1));
        byte[] line2 = Files.readAllBytes(good.lines().get(2));

        try (LocalStack stack = LocalStack.builder(dir.resolve("work")).start();
             ShotOutcomes outcomes = ShotOutcomes.follow(stack.clientSettings())) {
            IngestClient ingest = new IngestClient(stack.ingestUri(), Optional.empty());
            String id = good.shotId();
            ingest.declare(id, good.frameCount(), good.keyframes(), ShotUploader.declarationOptions(good));
            for (Map.Entry<Integer, Path> key : good.keys().entrySet()) {
                ingest.upload(id, ImageKind.KEY, key.getKey(), Files.readAllBytes(key.getValue()));
            }
            for (Map.Entry<Integer, Path> line : good.lines().entrySet()) {
                if (line.getKey() != 1) {
                    ingest.upload(id, ImageKind.LINE, line.getKey(), Files.readAllBytes(line.getValue()));
                }
            }

            // every refusal names what is wrong, and none of them fills the free slot of line art 1
            assertRefused(() -> ingest.upload(id, ImageKind.LINE, 1, PngBytes.withDamagedData(line1)), 422, "corrupt_image", "CRC");
            assertRefused(() -> ingest.upload(id, ImageKind.LINE, 1, Arrays.copyOf(line1, line1.length / 2)),
                    422, "corrupt_image", "truncated");
            assertRefused(() -> ingest.upload(id, ImageKind.LINE, 1, PngBytes.declaringSize(100_000, 100_000)),
                    413, "image_too_large", "100000");
            assertRefused(() -> ingest.upload(id, ImageKind.LINE, 1, blankPng(128, 72)), 422, "size_mismatch", "128");
            assertRefused(() -> ingest.upload(id, ImageKind.LINE, 99, line1), 422, "index_out_of_range", "99");
            assertRefused(() -> ingest.seal(id), 409, "frames_missing", "line art 1");
            assertThat(ingest.upload(id, ImageKind.LINE, 1, line1)).as("line art 1 is new").isTrue();
            assertRefused(() -> ingest.upload(id, ImageKind.LINE, 1, line2), 409, "frame_taken", id);
            assertRefused(() -> ingest.upload("no-such-shot", ImageKind.LINE, 0, line1), 404, "unknown_shot", "no-such-shot");
            ingest.declare("incomplete", 3, List.of(0), Map.of());
            ingest.upload("incomplete", ImageKind.KEY, 0, Files.readAllBytes(good.keys().get(0)));
            assertRefused(() -> ingest.seal("incomplete"), 409, "frames_missing", "line art 1-2");
            assertRefused(() -> ingest.seal("no-such-shot"), 404, "unknown_shot", "no-such-shot");

            ingest.seal(id);
            byte[] garbage = "\u0000\u0001 not an Avro clip task \u00ff".getBytes(StandardCharsets.ISO_8859_1);
            produce(stack, Topic.CLIPS, "poison/clip-000", garbage);

            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !outcomes.deadLetters("poison").isEmpty());
            DeadLetter letter = outcomes.deadLetters("poison").get(0);
            assertThat(letter.getStage()).isEqualTo("matcher");
            assertThat(letter.getSourceTopic()).isEqualTo("anidoc.clips");
            assertThat(letter.getCause()).isNotBlank();
            assertThat(letter.getCauseClass()).isNotBlank();
            ByteBuffer value = letter.getValue().duplicate();
            byte[] raw = new byte[value.remaining()];
            value.get(raw);
            assertThat(raw).as("the record's bytes, unchanged").isEqualTo(garbage);

            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> outcomes.finished(id).isPresent());
            TestShots.assertSameFrames(Path.of(outcomes.finished(id).orElseThrow().getOutputDir()), direct, good.frameCount());
            ShotProgress progress = ingest.status(id).orElseThrow();
            assertThat(progress.state()).isEqualTo("FINISHED");
            assertThat(progress.failures()).isEmpty();
            assertThat(outcomes.deadLetters(id)).isEmpty();
            assertThat(ingest.status("incomplete").orElseThrow().state()).isEqualTo("RECEIVING");

            // waiting on a shot that cannot finish ends with the reason: a time limit, or the stage's failure
            ShotWaiter waiter = new ShotWaiter(ingest, new ProgressBar(new PrintWriter(new StringWriter()), false));
            ShotFailedException late = catchThrowableOfType(ShotFailedException.class,
                    () -> waiter.awaitFinished("incomplete", Duration.ofMillis(300)));
            assertThat(late).hasMessage("shot incomplete did not finish within 300ms; last state: RECEIVING");
            produce(stack, Topic.CLIPS, "doomed/clip-000", EventSerdes.of(ClipTask.class).serialize("", ClipTask.newBuilder()
                    .setClipId("doomed/clip-000").setShotId("doomed").setClipIndex(0).setClipCount(1)
                    .setWidth(256).setHeight(144).setOptions(Map.of())
                    .setFrames(List.of(ClipFrame.newBuilder().setIndex(0).setKey(missingBlob()).build(),
                            ClipFrame.newBuilder().setIndex(1).setLine(missingBlob()).build()))
                    .build()));
            ShotFailedException failed = catchThrowableOfType(ShotFailedException.class,
                    () -> waiter.awaitFinished("doomed", Duration.ofSeconds(60)));
            assertThat(failed).hasMessageStartingWith("shot doomed failed: matcher doomed/clip-000: ")
                    .hasMessageContaining(MISSING_SHA);
        }
    }

    private static void assertRefused(Runnable request, int status, String error, String reasonNames) {
        IngestException refusal = catchThrowableOfType(IngestException.class, request::run);
        assertThat(refusal).as("expected %d %s", status, error).isNotNull();
        assertThat(refusal.status()).as(refusal.getMessage()).isEqualTo(status);
        assertThat(refusal.error()).isEqualTo(error);
        assertThat(refusal.getMessage()).contains(reasonNames);
    }

    private static BlobRef missingBlob() {
        return BlobRef.newBuilder().setUri("blob:sha256/" + MISSING_SHA).setSha256(MISSING_SHA).setSize(100)
                .setMediaType("image/png").build();
    }

    private static void produce(LocalStack stack, Topic topic, String key, byte[] value) throws Exception {
        RuntimeConfig config = RuntimeConfig.from(stack.clientSettings(), "test");
        KafkaClients clients = new KafkaClients(config.kafka(), config.service());
        try (KafkaProducer<String, byte[]> producer = clients.producer(new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(clients.topics().name(topic), key, value)).get();
        } finally {
            clients.close();
        }
    }

    private static byte[] blankPng(int width, int height) {
        OpenCv.load();
        Mat image = new Mat(height, width, CvType.CV_8UC3, new Scalar(255, 255, 255));
        try {
            return Images.encodePng(image);
        } finally {
            image.release();
        }
    }
}
