package io.anidoc.ingest.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicTailTest {

    private static final String TOPIC = "anidoc.shots";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @Test
    void aTopicWhoseMetadataIsNotThereYetIsWaitedForInsteadOfStoppingTheTail() throws Exception {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicTail tail = new TopicTail("test-tail", consumer, List.of(TOPIC),
                record -> seen.add(new String(record.value(), StandardCharsets.UTF_8))).start()) {
            // the topic was created a moment ago: no partitions known yet
            Thread.sleep(500);
            assertThat(tail.caughtUp()).isNotDone();

            Node node = new Node(0, "localhost", 9092);
            consumer.schedulePollTask(() -> consumer.addRecord(
                    new ConsumerRecord<>(TOPIC, 0, 0, new byte[0], "first".getBytes(StandardCharsets.UTF_8))));
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
            consumer.updateEndOffsets(Map.of(PARTITION, 1L));
            consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, new Node[] {node}, new Node[] {node})));

            tail.caughtUp().get(10, TimeUnit.SECONDS);
            assertThat(seen).containsExactly("first");
        }
    }
}
