package io.anidoc.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The operators' view of the pipeline from the Kafka cluster: every consumer group of this
 * pipeline (the stages' groups and the Streams applications) with its lag per topic and its live
 * members. Blocking admin calls: run it on a worker.
 */
final class PipelineView {

    private final Admin admin;
    private final String prefix;
    private final Duration timeout;

    PipelineView(Admin admin, String prefix, Duration timeout) {
        this.admin = admin;
        this.prefix = prefix;
        this.timeout = timeout;
    }

    JsonArray groups() throws InterruptedException, ExecutionException, TimeoutException {
        Collection<GroupListing> listings = get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all());
        List<String> ids = listings.stream().map(GroupListing::groupId)
                .filter(id -> id.startsWith(prefix)).sorted().toList();
        if (ids.isEmpty()) {
            return new JsonArray();
        }
        Map<String, ConsumerGroupDescription> descriptions = get(admin.describeConsumerGroups(ids).all());
        JsonArray groups = new JsonArray();
        for (String id : ids) {
            Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(id).partitionsToOffsetAndMetadata());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            get(admin.listOffsets(latest).all()).forEach((tp, info) -> ends.put(tp, info.offset()));
            Map<String, Long> lagPerTopic = new TreeMap<>();
            committed.forEach((tp, offset) -> {
                if (offset != null && tp.topic().startsWith(prefix)) {
                    long lag = Math.max(0, ends.getOrDefault(tp, offset.offset()) - offset.offset());
                    lagPerTopic.merge(tp.topic(), lag, Long::sum);
                }
            });
            ConsumerGroupDescription description = descriptions.get(id);
            JsonArray members = new JsonArray();
            for (MemberDescription member : description.members()) {
                members.add(new JsonObject().put("clientId", member.clientId()).put("host", member.host())
                        .put("partitions", member.assignment().topicPartitions().size()));
            }
            groups.add(new JsonObject()
                    .put("group", id)
                    .put("stage", id.substring(prefix.length()))
                    .put("state", description.groupState().toString())
                    .put("members", members)
                    .put("lag", new JsonObject(new HashMap<>(lagPerTopic)))
                    .put("totalLag", lagPerTopic.values().stream().mapToLong(Long::longValue).sum()));
        }
        return groups;
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
