package io.anidoc.runtime.kafka;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class BusyPartitionsAssignorTest {

    private static final String TOPIC = "anidoc.clips.tracked";

    private static Cluster cluster(int partitions) {
        Node node = new Node(0, "localhost", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(TOPIC, p, node, new Node[] {node}, new Node[] {node}));
        }
        return new Cluster("c", List.of(node), infos, Set.of(), Set.of());
    }

    private static List<TopicPartition> partitions(int... numbers) {
        List<TopicPartition> list = new ArrayList<>();
        for (int p : numbers) {
            list.add(new TopicPartition(TOPIC, p));
        }
        return list;
    }

    @Test
    void aMemberReportsWhatItsWorkerHasRunningAndTheLeaderLeavesItThere() {
        BusyPartitionsAssignor owner = new BusyPartitionsAssignor();
        Supplier<Set<TopicPartition>> running = () -> Set.of(new TopicPartition(TOPIC, 5), new TopicPartition("other", 1));
        owner.configure(Map.of(BusyPartitionsAssignor.BUSY_PARTITIONS, running));
        ByteBuffer report = owner.subscriptionUserData(Set.of(TOPIC));
        assertThat(BusyPartitionsAssignor.decode(report)).containsExactly(new TopicPartition(TOPIC, 5));

        GroupAssignment assignment = new BusyPartitionsAssignor().assign(cluster(6), new GroupSubscription(Map.of(
                "member-a", new Subscription(List.of(TOPIC), report, partitions(0, 1, 2, 3, 4, 5)),
                "member-b", new Subscription(List.of(TOPIC), null, List.of()))));

        assertThat(assignment.groupAssignment().get("member-a").partitions()).containsExactlyElementsOf(partitions(0, 1, 5));
        assertThat(assignment.groupAssignment().get("member-b").partitions()).isEmpty();
    }

    @Test
    void aMemberWithoutABusySupplierOrWithForeignUserDataReportsNothingBusy() {
        BusyPartitionsAssignor plain = new BusyPartitionsAssignor();
        plain.configure(Map.of());
        assertThat(BusyPartitionsAssignor.decode(plain.subscriptionUserData(Set.of(TOPIC)))).isEmpty();
        assertThat(BusyPartitionsAssignor.decode(ByteBuffer.wrap("generation 7".getBytes(StandardCharsets.UTF_8)))).isEmpty();
        assertThat(BusyPartitionsAssignor.decode(null)).isEmpty();
    }

    @Test
    void encodedPartitionsReadBackUnchanged() {
        List<TopicPartition> busy = List.of(new TopicPartition(TOPIC, 3), new TopicPartition("anidoc.clips", 11));
        assertThat(BusyPartitionsAssignor.decode(BusyPartitionsAssignor.encode(busy))).containsExactlyInAnyOrderElementsOf(busy);
    }
}
