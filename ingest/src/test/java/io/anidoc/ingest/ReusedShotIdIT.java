package io.anidoc.ingest;

import io.anidoc.ingest.IngestClient.Answer;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotEvent;
import io.anidoc.schemas.ShotOpened;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shot id names one shot, once: after its seal, ingest answers {@code 409 shot_sealed} to a new
 * declaration or image of it, also after a restart that follows the topics' retention (the shots
 * topic is compacted, so the seal outlives the images); and where ingest did forget it (a shots
 * topic that is not compacted), the assembler refuses the new declaration with a dead letter and
 * a {@code FAILED} status that the station sees, instead of ignoring the shot forever.
 */
class ReusedShotIdIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @TempDir
    Path work;

    @Test
    void aDeliveredShotIdIsRefusedBeforeAndAfterTheRetentionOnBothSides() throws Exception {
        ConfigSource config = KAFKA.configSource(
                "ANIDOC_BLOB_ROOT", work.resolve("blobs").toString(),
                "ANIDOC_KAFKA_STREAMS_STATE_DIR", work.resolve("streams").toString(),
                "ANIDOC_LOG_FORMAT", "text");
        Topics topics = new Topics(config.raw("ANIDOC_TOPIC_PREFIX").orElseThrow());
        String shot = "take-1";
        String declaration = "{\"frameCount\": 3, \"keyframes\": [0, 2]}";

        RunningService first = IngestUnderTest.start(config);
        try {
            IngestClient client = new IngestClient(first.httpPort(), null);
            assertThat(client.declare(shot, declaration).status()).isEqualTo(201);
            assertThat(client.line(shot, 1, TestImages.png(64, 48, 1)).status()).isEqualTo(201);
            assertThat(client.key(shot, 0, TestImages.png(64, 48, 2)).status()).isEqualTo(201);
            assertThat(client.key(shot, 2, TestImages.png(64, 48, 3)).status()).isEqualTo(201);
            assertThat(client.seal(shot).status()).isEqualTo(202);
            List<ConsumerRecord<String, ClipTask>> tasks = KAFKA.consume(topics.name(Topic.CLIPS), 1, Duration.ofSeconds(60),
                    new StringDeserializer(), EventSerdes.of(ClipTask.class).deserializer());
            assertThat(tasks.get(0).value().getShotId()).isEqualTo(shot);

            assertUsedOnce(client.declare(shot, declaration));
            assertUsedOnce(client.line(shot, 0, TestImages.png(64, 48, 9)));
        } finally {
            IngestUnderTest.stop(first);
        }

        // the retention passes: every image record of the shot is gone; the shots topic is compacted
        try (Admin admin = KAFKA.admin()) {
            String shotsTopic = topics.name(Topic.SHOTS);
            Config shotsConfig = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, shotsTopic)))
                    .all().get(30, TimeUnit.SECONDS).values().iterator().next();
            assertThat(shotsConfig.get("cleanup.policy").value()).isEqualTo("compact");
            deleteAllRecords(admin, topics.name(Topic.FRAMES));
        }

        RunningService second = IngestUnderTest.start(config);
        try {
            IngestClient client = new IngestClient(second.httpPort(), null);
            assertUsedOnce(client.declare(shot, declaration));
            assertUsedOnce(client.line(shot, 1, TestImages.png(64, 48, 1)));

            // an ingest that forgot the shot (a shots topic with delete retention) publishes a new declaration
            ShotEvent again = ShotEvent.newBuilder().setShotId(shot).setEvent(ShotOpened.newBuilder().setShotId(shot)
                    .setDeclaredFrameCount(3).setKeyframeIndices(List.of(0, 2)).setOptions(new TreeMap<>())
                    .setOpenedAtMs(System.currentTimeMillis()).build()).build();
            try (KafkaProducer<String, ShotEvent> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                    new StringSerializer(), EventSerdes.of(ShotEvent.class).serializer())) {
                producer.send(new ProducerRecord<>(topics.name(Topic.SHOTS), shot, again)).get(30, TimeUnit.SECONDS);
            }
            DeadLetter letter = KAFKA.consume(topics.name(Topic.DEADLETTER), 1, Duration.ofSeconds(60),
                    new StringDeserializer(), EventSerdes.of(DeadLetter.class).deserializer()).get(0).value();
            assertThat(letter.getStage()).isEqualTo("assembler");
            assertThat(letter.getShotId()).isEqualTo(shot);
            assertThat(letter.getCause()).contains("a shot id is used once");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Answer status = client.status(shot);
                assertThat(status.body().getString("state")).isEqualTo("FAILED");
                assertThat(status.body().getJsonArray("failures").encode()).contains("a shot id is used once");
            });
        } finally {
            IngestUnderTest.stop(second);
        }
    }

    private static void assertUsedOnce(Answer answer) {
        assertThat(answer.status()).as("answer %s", answer.body()).isEqualTo(409);
        assertThat(answer.error()).isEqualTo("shot_sealed");
        assertThat(answer.reason()).contains("shot 'take-1' is sealed").contains("a shot id is used once");
    }

    private static void deleteAllRecords(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> delete.put(partition, RecordsToDelete.beforeOffset(info.offset())));
        admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
    }
}
