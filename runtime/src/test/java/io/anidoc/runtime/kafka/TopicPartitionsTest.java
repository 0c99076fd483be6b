package io.anidoc.runtime.kafka;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicPartitionsTest {

    private static final Node BROKER = new Node(1, "localhost", 9092);

    /** Answers no partitions for the first few questions, as a broker does for a topic it has not seen yet. */
    private static final class LateMetadata extends MockConsumer<byte[], byte[]> {
        final AtomicInteger asked = new AtomicInteger();
        final int emptyAnswers;

        LateMetadata(int emptyAnswers) {
            super("earliest");
            this.emptyAnswers = emptyAnswers;
            updatePartitions("shots", List.of(new PartitionInfo("shots", 0, BROKER, null, null),
                    new PartitionInfo("shots", 1, BROKER, null, null)));
        }

        @Override
        public synchronized List<PartitionInfo> partitionsFor(String topic) {
            return asked.incrementAndGet() <= emptyAnswers ? List.of() : super.partitionsFor(topic);
        }
    }

    @Test
    void asksAgainUntilAFreshTopicHasPartitions() throws Exception {
        LateMetadata consumer = new LateMetadata(3);
        assertThat(TopicPartitions.of(consumer, "shots", Duration.ofSeconds(10), () -> true))
                .containsExactly(new TopicPartition("shots", 0), new TopicPartition("shots", 1));
        assertThat(consumer.asked).hasValue(4);
    }

    @Test
    void aTopicThatNeverAppearsIsNamedInTheError() {
        LateMetadata consumer = new LateMetadata(Integer.MAX_VALUE);
        assertThatThrownBy(() -> TopicPartitions.of(consumer, "shots", Duration.ofMillis(300), () -> true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("topic shots has no partitions");
    }

    @Test
    void aClosingReaderStopsAsking() {
        LateMetadata consumer = new LateMetadata(Integer.MAX_VALUE);
        assertThatThrownBy(() -> TopicPartitions.of(consumer, "shots", Duration.ofMinutes(5), () -> false))
                .isInstanceOf(IllegalStateException.class);
        assertThat(consumer.asked).hasValue(1);
    }
}
