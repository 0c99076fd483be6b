package io.anidoc.cli.local;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/**
 * The known end that proves nothing else will happen: every consumer group of the pipeline (the
 * stage workers, the assembler and the sink) has committed every partition it reads up to the
 * partition's end. From then on no record is worked on again, so whatever the pipeline would
 * publish twice is already on its topics, and a test reading them to their end sees it.
 */
final class PipelineDrained {

    /** The consumer groups of the pipeline, less the topic prefix: the Streams apps and the stage workers. */
    static final List<String> GROUPS = List.of("assembler", "matcher", "tracker", "colorizer", "sink");

    private PipelineDrained() {
    }

    /** Waits until every group of the pipeline has committed all it read. */
    static void await(ConfigSource settings, Duration timeout) {
        await(settings, timeout, GROUPS);
    }

    /** Waits until the groups named {@code <prefix><name>} for every name have committed all they read. */
    static void await(ConfigSource settings, Duration timeout, List<String> groupNames) {
        RuntimeConfig config = RuntimeConfig.from(settings, "test");
        KafkaClients clients = new KafkaClients(config.kafka(), config.service());
        try {
            String prefix = clients.topics().prefix();
            Set<String> groups = groupNames.stream().map(name -> prefix + name).collect(Collectors.toSet());
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .until(() -> lagging(clients, groups).isEmpty());
        } finally {
            clients.close();
        }
    }

    /** The offsets a group has committed on a topic, summed over its partitions (0 for none). */
    static long committedTotal(ConfigSource settings, String groupName, io.anidoc.runtime.kafka.Topic topic)
            throws Exception {
        RuntimeConfig config = RuntimeConfig.from(settings, "test");
        KafkaClients clients = new KafkaClients(config.kafka(), config.service());
        try {
            String name = clients.topics().name(topic);
            return clients.admin().listConsumerGroupOffsets(clients.topics().prefix() + groupName)
                    .partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(name) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } finally {
            clients.close();
        }
    }

    /**
     * The partitions (per group) with a record at or after the committed offset; a group without
     * commits lags everywhere. Transaction markers of exactly-once producers sit after the last
     * record without being one, so an offset short of the end is checked by reading from it.
     */
    private static Map<String, List<TopicPartition>> lagging(KafkaClients clients, Set<String> groups) throws Exception {
        Admin admin = clients.admin();
        Set<String> existing = admin.listConsumerGroups().all().get().stream()
                .map(ConsumerGroupListing::groupId).collect(Collectors.toSet());
        Map<String, List<TopicPartition>> behind = new HashMap<>();
        for (String group : groups) {
            if (!existing.contains(group)) {
                behind.put(group, List.of());
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Set<String> topics = committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
            if (topics.isEmpty()) {
                behind.put(group, List.of());
                continue;
            }
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            described.values().forEach(topic -> topic.partitions().forEach(
                    p -> ends.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> end = admin.listOffsets(ends).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            Map<TopicPartition, Long> from = new HashMap<>();
            end.forEach((partition, last) -> {
                OffsetAndMetadata at = committed.get(partition);
                long offset = at == null ? 0 : at.offset();
                if (offset < last) {
                    from.put(partition, offset);
                }
            });
            List<TopicPartition> lag = withRecords(clients, from, end);
            if (!lag.isEmpty()) {
                behind.put(group, lag);
            }
        }
        return behind;
    }

    /** The partitions that hold a committed record between {@code from} and {@code end}. */
    private static List<TopicPartition> withRecords(KafkaClients clients, Map<TopicPartition, Long> from,
                                                    Map<TopicPartition, Long> end) {
        if (from.isEmpty()) {
            return List.of();
        }
        Set<TopicPartition> found = new java.util.HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.consumerProperties("drained-check",
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (from.keySet().stream().anyMatch(p -> !found.contains(p) && consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    return List.copyOf(from.keySet());
                }
                consumer.poll(Duration.ofMillis(100)).forEach(r -> found.add(new TopicPartition(r.topic(), r.partition())));
            }
        }
        return List.copyOf(found);
    }
}
