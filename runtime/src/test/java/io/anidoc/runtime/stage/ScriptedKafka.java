package io.anidoc.runtime.stage;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Kafka's {@link MockConsumer} and {@link MockProducer} as a stage worker's clients, with what
 * tests of rebalances and failures drive: partitions assigned, revoked or lost on the worker's
 * own Kafka thread, records added, and topics whose sends fail.
 */
final class ScriptedKafka implements StageKafka {

    static final String INPUT = "in";
    static final String OUTPUT = "out";
    static final String STATUS = "status";
    static final String DEAD_LETTER = "dead";

    final Consumer consumer = new Consumer();
    final Producer producer = new Producer();

    @Override
    public org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer(String groupId, Map<String, Object> overrides) {
        return consumer;
    }

    @Override
    public org.apache.kafka.clients.producer.Producer<byte[], byte[]> producer() {
        return producer;
    }

    static TopicPartition partition(int number) {
        return new TopicPartition(INPUT, number);
    }

    /** Assigns the partitions (revoking the others) from the worker's Kafka thread, each starting at offset 0. */
    void assign(TopicPartition... partitions) {
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(java.util.Arrays.stream(partitions)
                    .collect(java.util.stream.Collectors.toMap(p -> p, p -> 0L)));
            consumer.rebalance(List.of(partitions));
        });
    }

    /** Adds a record with the value {@code text} from the worker's Kafka thread. */
    void add(TopicPartition partition, long offset, String text) {
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(),
                offset, text.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8))));
    }

    /** Tells the worker, from its Kafka thread, that it lost the partitions (its session expired). */
    void lose(TopicPartition... partitions) {
        consumer.schedulePollTask(() -> consumer.listener.onPartitionsLost(List.of(partitions)));
    }

    /** The last offset committed for a partition, or -1; readable after the consumer closed. */
    long committed(TopicPartition partition) {
        return consumer.commits.getOrDefault(partition, -1L);
    }

    /** Values sent to a topic, in order. */
    List<String> sent(String topic) {
        return producer.history().stream().filter(r -> r.topic().equals(topic))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    static final class Consumer extends MockConsumer<byte[], byte[]> {
        volatile ConsumerRebalanceListener listener;
        /** Every commit, kept here: the mock forgets the offsets of partitions no longer assigned. */
        final Map<TopicPartition, Long> commits = new java.util.concurrent.ConcurrentHashMap<>();

        Consumer() {
            super("earliest");
        }

        @Override
        public void subscribe(Collection<String> topics, ConsumerRebalanceListener callback) {
            listener = callback;
            super.subscribe(topics, callback);
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            offsets.forEach((partition, offset) -> commits.put(partition, offset.offset()));
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                                             org.apache.kafka.clients.consumer.OffsetCommitCallback callback) {
            offsets.forEach((partition, offset) -> commits.put(partition, offset.offset()));
            super.commitAsync(offsets, callback);
        }

        /** A real poll waits for records; the mock returns at once, so an idle worker would spin. */
        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return records;
        }
    }

    static final class Producer extends MockProducer<byte[], byte[]> {
        private volatile Set<String> failing = Set.of();

        Producer() {
            super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        }

        /** Every later send to these topics fails as a broker that cannot take them would. */
        void failSendsTo(String... topics) {
            failing = Set.of(topics);
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            if (failing.contains(record.topic())) {
                TimeoutException cause = new TimeoutException("Topic " + record.topic() + " not present in metadata after 60000 ms.");
                if (callback != null) {
                    callback.onCompletion(null, cause);
                }
                return CompletableFuture.failedFuture(cause);
            }
            return super.send(record, callback);
        }
    }
}
