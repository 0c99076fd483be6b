package io.anidoc.runtime.kafka;

import io.anidoc.embedded.kafka.EmbeddedKafka;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.RuntimeConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedKafkaIT {

    @TempDir
    Path tmp;

    @Test
    void startsProducesConsumesAndRemovesItsDirectoryOnClose() throws Exception {
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            dir = kafka.dataDir();
            assertThat(dir).isDirectory();
            assertThat(kafka.bootstrapServers()).matches("localhost:\\d+");

            KafkaClients clients = clients(kafka.bootstrapServers());
            try (KafkaProducer<String, String> producer = clients.producer(new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>("embedded.check", "shot-1", "frame-" + i)).get();
                }
            }
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = clients.consumer("embedded-check",
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("embedded.check"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.size() < 5 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        values.add(record.value());
                    }
                }
            }
            assertThat(values).containsExactly("frame-0", "frame-1", "frame-2", "frame-3", "frame-4");
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void givenDirectoryKeepsTopicsAndPortsAcrossRestarts() throws Exception {
        Path dir = tmp.resolve("kafka");
        String firstBootstrap;
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).start();
             Admin admin = clients(kafka.bootstrapServers()).newAdmin()) {
            firstBootstrap = kafka.bootstrapServers();
            admin.createTopics(List.of(new NewTopic("kept.topic", 3, (short) 1))).all().get();
        }
        assertThat(dir.resolve("server.properties")).isRegularFile();
        assertThat(Files.list(dir.resolve("logs")).count()).isPositive();

        try (EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dir).start();
             Admin admin = clients(kafka.bootstrapServers()).newAdmin()) {
            assertThat(kafka.bootstrapServers()).isEqualTo(firstBootstrap);
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).contains("kept.topic");
            assertThat(admin.describeTopics(List.of("kept.topic")).allTopicNames().get().get("kept.topic").partitions())
                    .hasSize(3);
        }
        assertThat(dir).isDirectory();
    }

    private static KafkaClients clients(String bootstrap) {
        RuntimeConfig config = RuntimeConfig.from(ConfigSource.of("ANIDOC_KAFKA_BOOTSTRAP_SERVERS", bootstrap), "embedded-test");
        return new KafkaClients(config.kafka(), config.service());
    }
}
