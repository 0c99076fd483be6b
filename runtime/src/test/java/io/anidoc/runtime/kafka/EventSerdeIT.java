package io.anidoc.runtime.kafka;

import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.testing.AvroSamples;
import io.anidoc.runtime.testing.KafkaTestCluster;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event type of the schemas survives the serde and a real broker unchanged. */
class EventSerdeIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @Test
    void everyGeneratedRecordRoundTripsThroughTheBroker() throws Exception {
        List<Class<? extends SpecificRecord>> types = AvroSamples.recordClassesBeside(BlobRef.class);
        assertThat(types).extracting(Class::getSimpleName).contains(
                "FrameIngested", "ShotEvent", "ShotOpened", "ShotSealed", "ClipTask", "ClipMatched", "ClipTracked",
                "ClipColorized", "ShotFinished", "ShotStatus", "DeadLetter", "BlobRef");

        RuntimeConfig config = RuntimeConfig.from(KAFKA.configSource(), "serde-it");
        String prefix = config.kafka().topicPrefix();
        AvroSamples samples = new AvroSamples(42);
        Map<String, Class<? extends SpecificRecord>> typeByTopic = new LinkedHashMap<>();
        Map<String, SpecificRecord> sent = new LinkedHashMap<>();

        types.forEach(type -> typeByTopic.put(prefix + type.getSimpleName(), type));

        try (KafkaClients clients = new KafkaClients(config.kafka(), config.service());
             KafkaProducer<String, SpecificRecord> producer = clients.producer(new StringSerializer(), bySerdeOfRecord())) {
            new TopicProvisioner(clients.admin(), Duration.ofSeconds(30)).ensure(typeByTopic.keySet(), 1, (short) 1);
            List<Future<?>> acks = new ArrayList<>();
            for (Class<? extends SpecificRecord> type : types) {
                String topic = prefix + type.getSimpleName();
                for (int variant = 0; variant < AvroSamples.variants(type); variant++) {
                    SpecificRecord record = samples.sample(type, variant);
                    String key = type.getSimpleName() + "#" + variant;
                    sent.put(key, record);
                    acks.add(producer.send(new ProducerRecord<>(topic, key, record)));
                }
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
        }

        Map<String, SpecificRecord> received = new LinkedHashMap<>();
        KAFKA.consume(typeByTopic.keySet(), sent.size(), Duration.ofSeconds(60),
                        new StringDeserializer(), bySerdeOfTopic(typeByTopic))
                .forEach(r -> received.put(r.key(), r.value()));

        assertThat(received).hasSameSizeAs(sent);
        sent.forEach((key, record) -> {
            assertThat(received.get(key)).as(key).isEqualTo(record);
            assertThat(received.get(key)).as(key).isInstanceOf(record.getClass()).isNotSameAs(record);
        });
        // the union of a shot event carries both kinds of life-cycle events
        assertThat(received.entrySet().stream().filter(e -> e.getKey().startsWith("ShotEvent#"))
                .map(e -> e.getValue().get(e.getValue().getSchema().getField("event").pos()).getClass().getSimpleName()))
                .contains("ShotOpened", "ShotSealed");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Serializer<SpecificRecord> bySerdeOfRecord() {
        return (topic, record) -> record == null ? null
                : ((Serializer) EventSerdes.of(record.getClass())).serialize(topic, record);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Deserializer<SpecificRecord> bySerdeOfTopic(Map<String, Class<? extends SpecificRecord>> typeByTopic) {
        return (topic, bytes) -> (SpecificRecord) ((Deserializer) EventSerdes.of((Class) typeByTopic.get(topic)))
                .deserialize(topic, bytes);
    }
}
