package io.anidoc.runtime.stage;

import io.anidoc.runtime.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the Kafka clients of a {@link StageWorker}: the service's configured clients in
 * production, Kafka's {@code MockConsumer} and {@code MockProducer} in unit tests of rebalances
 * and failures.
 */
public interface StageKafka {

    /** A consumer in {@code groupId}, with the worker's own properties on top of the configured ones. */
    Consumer<byte[], byte[]> consumer(String groupId, Map<String, Object> overrides);

    /** The producer of outputs, status reports and dead letters. */
    Producer<byte[], byte[]> producer();

    /** The admin client that tells a member without partitions whether the group has none to give; empty: none. */
    default Optional<Admin> admin() {
        return Optional.empty();
    }

    /** The clients of a service, configured by {@code ANIDOC_KAFKA_*}. */
    static StageKafka of(KafkaClients clients) {
        Objects.requireNonNull(clients, "clients");
        return new StageKafka() {
            @Override
            public Consumer<byte[], byte[]> consumer(String groupId, Map<String, Object> overrides) {
                return clients.consumer(groupId, overrides, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            }

            @Override
            public Producer<byte[], byte[]> producer() {
                return clients.producer(new ByteArraySerializer(), new ByteArraySerializer());
            }

            @Override
            public Optional<Admin> admin() {
                return Optional.of(clients.admin());
            }
        };
    }
}
