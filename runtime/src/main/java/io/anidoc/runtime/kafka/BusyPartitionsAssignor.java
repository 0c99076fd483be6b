package io.anidoc.runtime.kafka;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The stage workers' partition assignor: {@link PartitionBalance} over what every member owns and
 * what it is working on. Each member reports its busy partitions in its subscription, read from
 * the supplier given under {@link #BUSY_PARTITIONS} in the consumer's properties (a member without
 * one reports none). Cooperative, so a rebalance only stops the partitions that move.
 */
public final class BusyPartitionsAssignor implements ConsumerPartitionAssignor, Configurable {

    /** Consumer property holding a {@code Supplier<Set<TopicPartition>>}: the partitions with records running. */
    public static final String BUSY_PARTITIONS = "anidoc.busy.partitions";
    static final String NAME = "anidoc-busy-sticky";

    private Supplier<Set<TopicPartition>> busy = Set::of;

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs) {
        Object supplier = configs.get(BUSY_PARTITIONS);
        if (supplier instanceof Supplier<?>) {
            busy = (Supplier<Set<TopicPartition>>) supplier;
        }
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        List<TopicPartition> working = new ArrayList<>();
        for (TopicPartition partition : busy.get()) {
            if (topics.contains(partition.topic())) {
                working.add(partition);
            }
        }
        return encode(working);
    }

    @Override
    public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
        Map<String, Subscription> members = groupSubscription.groupSubscription();
        Map<String, List<TopicPartition>> assigned = new HashMap<>();
        Map<String, Set<TopicPartition>> busyByMember = new HashMap<>();
        Set<String> topics = new TreeSet<>();
        for (Map.Entry<String, Subscription> member : members.entrySet()) {
            assigned.put(member.getKey(), new ArrayList<>());
            busyByMember.put(member.getKey(), decode(member.getValue().userData()));
            topics.addAll(member.getValue().topics());
        }
        for (String topic : topics) {
            Integer count = metadata.partitionCountForTopic(topic);
            if (count == null) {
                continue;
            }
            Map<String, List<Integer>> owned = new HashMap<>();
            Map<String, Set<Integer>> working = new HashMap<>();
            for (Map.Entry<String, Subscription> member : members.entrySet()) {
                if (!member.getValue().topics().contains(topic)) {
                    continue;
                }
                owned.put(member.getKey(), numbers(member.getValue().ownedPartitions(), topic));
                working.put(member.getKey(), new HashSet<>(numbers(busyByMember.get(member.getKey()), topic)));
            }
            PartitionBalance.assign(count, owned, working).forEach((member, partitions) ->
                    partitions.forEach(p -> assigned.get(member).add(new TopicPartition(topic, p))));
        }
        Map<String, Assignment> assignments = new HashMap<>();
        assigned.forEach((member, partitions) -> assignments.put(member, new Assignment(partitions)));
        return new GroupAssignment(assignments);
    }

    /** The numbers of the partitions of {@code topic} among {@code partitions}. */
    private static List<Integer> numbers(Collection<TopicPartition> partitions, String topic) {
        List<Integer> numbers = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            if (partition.topic().equals(topic)) {
                numbers.add(partition.partition());
            }
        }
        return numbers;
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Count, then per partition its topic (length-prefixed UTF-8) and number. */
    static ByteBuffer encode(List<TopicPartition> partitions) {
        List<byte[]> names = new ArrayList<>();
        int size = Integer.BYTES;
        for (TopicPartition partition : partitions) {
            byte[] name = partition.topic().getBytes(StandardCharsets.UTF_8);
            names.add(name);
            size += Short.BYTES + name.length + Integer.BYTES;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(partitions.size());
        for (int i = 0; i < partitions.size(); i++) {
            buffer.putShort((short) names.get(i).length).put(names.get(i)).putInt(partitions.get(i).partition());
        }
        return buffer.flip();
    }

    /** The busy partitions a member reported; none for a member that reported nothing readable. */
    static Set<TopicPartition> decode(ByteBuffer userData) {
        Set<TopicPartition> partitions = new HashSet<>();
        if (userData == null || userData.remaining() < Integer.BYTES) {
            return partitions;
        }
        ByteBuffer buffer = userData.duplicate();
        try {
            int count = buffer.getInt();
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[buffer.getShort()];
                buffer.get(name);
                partitions.add(new TopicPartition(new String(name, StandardCharsets.UTF_8), buffer.getInt()));
            }
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            // another assignor's data (a member of an older version during a rolling upgrade): nothing busy
            return new HashSet<>();
        }
        return partitions;
    }
}
