package io.anidoc.sink;

import io.anidoc.runtime.blob.FileBlobStore;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.runtime.service.ServiceLauncher;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sink service on a real broker: colored clips in, one finished shot and its files out. */
class SinkServiceIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir
    Path work;

    @Test
    void clipsOnTheTopicBecomeOneDeliveredShot() throws Exception {
        Path out = work.resolve("out");
        ConfigSource config = KAFKA.configSource(
                "ANIDOC_BLOB_ROOT", work.resolve("blobs").toString(),
                "ANIDOC_OUTPUT_ROOT", out.toString(),
                "ANIDOC_KAFKA_STREAMS_STATE_DIR", work.resolve("streams").toString(),
                "ANIDOC_LOG_FORMAT", "text");
        Topics topics = new Topics(config.raw("ANIDOC_TOPIC_PREFIX").orElseThrow());
        ColoredClips clips = new ColoredClips(new FileBlobStore(work.resolve("blobs")));
        ClipColorized first = clips.clip("deliver-1", 0, 2, List.of(0, 1, 2, 3), List.of(0, 3), Map.of("matcher", 4L));
        ClipColorized second = clips.clip("deliver-1", 1, 2, List.of(3, 4, 5), List.of(3), Map.of("matcher", 6L));

        RunningService sink = SinkMain.configure(ServiceLauncher.create("sink", config)).start()
                .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            String topic = topics.name(Topic.CLIPS_COLORIZED);
            var serializer = EventSerdes.of(ClipColorized.class).serializer();
            producer.send(new ProducerRecord<>(topic, first.getClipId(), serializer.serialize(topic, first))).get();
            producer.send(new ProducerRecord<>(topic, "junk/clip-000", "not avro".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topic, first.getClipId(), serializer.serialize(topic, first))).get();
            producer.send(new ProducerRecord<>(topic, second.getClipId(), serializer.serialize(topic, second))).get();

            List<ConsumerRecord<String, ShotFinished>> finished = KAFKA.consume(topics.name(Topic.SHOTS_FINISHED), 1,
                    Duration.ofSeconds(90), new StringDeserializer(), EventSerdes.of(ShotFinished.class).deserializer());
            ShotFinished shot = finished.get(0).value();
            assertThat(finished.get(0).key()).isEqualTo("deliver-1");
            assertThat(shot.getFrameCount()).isEqualTo(6);
            assertThat(shot.getStageMillis()).containsEntry("matcher", 10L);
            for (int i = 0; i < 6; i++) {
                String name = String.format("%04d.png", i);
                assertThat(Files.readAllBytes(out.resolve("deliver-1/color").resolve(name))).isEqualTo(ColoredClips.png(i, "color"));
                assertThat(Files.readAllBytes(out.resolve("deliver-1/fill").resolve(name))).isEqualTo(ColoredClips.png(i, "fill"));
            }
            assertThat(out.resolve("deliver-1/manifest.json")).isRegularFile();

            // a repeated clip after delivery changes nothing
            producer.send(new ProducerRecord<>(topic, second.getClipId(), serializer.serialize(topic, second))).get();
            assertThatThrownBy(() -> KAFKA.consume(topics.name(Topic.SHOTS_FINISHED), 2, Duration.ofSeconds(5),
                    new StringDeserializer(), EventSerdes.of(ShotFinished.class).deserializer()))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("got 1");

            DeadLetter letter = KAFKA.consume(topics.name(Topic.DEADLETTER), 1, Duration.ofSeconds(30),
                    new StringDeserializer(), EventSerdes.of(DeadLetter.class).deserializer()).get(0).value();
            assertThat(letter.getStage()).isEqualTo("sink");
            assertThat(letter.getShotId()).isEqualTo("junk");
        } finally {
            sink.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
