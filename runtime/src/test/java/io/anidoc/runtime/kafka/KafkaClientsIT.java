package io.anidoc.runtime.kafka;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClientsIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @Test
    void uncommittedRecordsAreRedeliveredToTheNextMemberOfTheGroup() throws Exception {
        ConfigSource source = KAFKA.configSource("POD_NAME", "it-pod-0");
        RuntimeConfig config = RuntimeConfig.from(source, "clients-it");
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (KafkaClients clients = KafkaClients.from(config, registry)) {
            String topic = clients.topics().name(Topic.FRAMES);
            new TopicProvisioner(clients.admin(), Duration.ofSeconds(30)).ensure(List.of(topic), 2, (short) 1);
            try (KafkaProducer<String, String> producer = clients.producer(new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 6; i++) {
                    producer.send(new ProducerRecord<>(topic, "shot-" + (i % 3), "frame-" + i)).get();
                }
            }
            String group = clients.defaultGroupId();

            // first member reads everything but commits nothing: nothing may be lost when it goes away
            try (KafkaConsumer<String, String> first = clients.consumer(group, new StringDeserializer(), new StringDeserializer())) {
                first.subscribe(List.of(topic));
                assertThat(pollValues(first, 6)).hasSize(6);
                assertThat(registry.scrape()).contains("kafka_consumer_fetch_manager_records_consumed_total");
            }
            // second member gets all six again, commits three of them explicitly
            try (KafkaConsumer<String, String> second = clients.consumer(group, new StringDeserializer(), new StringDeserializer())) {
                second.subscribe(List.of(topic));
                List<ConsumerRecord<String, String>> records = pollRecords(second, 6);
                assertThat(records).extracting(ConsumerRecord::value)
                        .containsExactlyInAnyOrder("frame-0", "frame-1", "frame-2", "frame-3", "frame-4", "frame-5");
                ConsumerRecord<String, String> anyRecord = records.get(0);
                TopicPartition partition = new TopicPartition(anyRecord.topic(), anyRecord.partition());
                long lastOffsetOfPartition = records.stream().filter(r -> r.partition() == partition.partition())
                        .mapToLong(ConsumerRecord::offset).max().orElseThrow();
                second.commitSync(Map.of(partition, new OffsetAndMetadata(lastOffsetOfPartition + 1)));
                long committedCount = records.stream().filter(r -> r.partition() == partition.partition()).count();

                second.close();
                // same pod name: the static member rejoins and resumes after the committed offset
                try (KafkaConsumer<String, String> fourth = clients.consumer(group, new StringDeserializer(), new StringDeserializer())) {
                    fourth.subscribe(List.of(topic));
                    assertThat(pollValues(fourth, (int) (6 - committedCount))).hasSize((int) (6 - committedCount));
                }
            }
        }
    }

    private static List<String> pollValues(KafkaConsumer<String, String> consumer, int count) {
        return pollRecords(consumer, count).stream().map(ConsumerRecord::value).toList();
    }

    private static List<ConsumerRecord<String, String>> pollRecords(KafkaConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        // a little longer: more than expected would mean redelivery of committed records
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        assertThat(records).as("records polled").hasSize(count);
        return records;
    }
}
