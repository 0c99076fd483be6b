package io.anidoc.runtime.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.concurrent.TimeoutException;

/**
 * Creates missing topics at start-up. Existing topics are never changed: a partition count or
 * replication factor that differs from the configuration is reported in the log and the result,
 * because changing it is an operator's decision (more partitions break key ordering).
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    /** Pause before describing again a topic the broker does not know yet. */
    private static final long METADATA_RETRY_MILLIS = 100;

    private final Admin admin;
    private final Duration timeout;

    public TopicProvisioner(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /** What provisioning found and did. */
    public record Result(List<String> created, List<String> existing, List<Mismatch> mismatches) {
        public Result {
            created = List.copyOf(created);
            existing = List.copyOf(existing);
            mismatches = List.copyOf(mismatches);
        }
    }

    /** An existing topic whose layout differs from the configuration. */
    public record Mismatch(String topic, int partitions, int replicationFactor,
                           int configuredPartitions, int configuredReplicationFactor) {
        @Override
        public String toString() {
            return topic + " has " + partitions + " partitions and replication factor " + replicationFactor
                    + ", configured " + configuredPartitions + " and " + configuredReplicationFactor;
        }
    }

    /**
     * Blocks until every named topic exists. Safe to run from several replicas at once: a topic
     * another replica created in the meantime counts as existing.
     *
     * @throws KafkaProvisioningException when the cluster cannot be reached or refuses a topic
     */
    public Result ensure(Collection<String> topics, int partitions, short replicationFactor) {
        return ensure(topics, partitions, replicationFactor, name -> Map.of());
    }

    /** As {@link #ensure(Collection, int, short)}, creating each missing topic with its own settings. */
    public Result ensure(Collection<String> topics, int partitions, short replicationFactor,
                         Function<String, Map<String, String>> creationConfig) {
        Set<String> wanted = new LinkedHashSet<>(topics);
        try {
            Set<String> present = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> created = new ArrayList<>();
            List<String> existing = new ArrayList<>();
            List<NewTopic> toCreate = new ArrayList<>();
            for (String topic : wanted) {
                if (present.contains(topic)) {
                    existing.add(topic);
                } else {
                    toCreate.add(new NewTopic(topic, partitions, replicationFactor).configs(creationConfig.apply(topic)));
                }
            }
            if (!toCreate.isEmpty()) {
                var results = admin.createTopics(toCreate).values();
                for (NewTopic topic : toCreate) {
                    try {
                        results.get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                        created.add(topic.name());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                        existing.add(topic.name());
                    }
                }
            }
            List<Mismatch> mismatches = checkLayout(existing, partitions, replicationFactor);
            if (!created.isEmpty()) {
                LOG.info("created topics {} with {} partitions, replication factor {}", created, partitions, replicationFactor);
            }
            mismatches.forEach(m -> LOG.warn("topic layout differs from configuration, left as is: {}", m));
            return new Result(created, existing, mismatches);
        } catch (ExecutionException e) {
            throw new KafkaProvisioningException("could not provision topics " + wanted + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaProvisioningException("could not provision topics " + wanted + ": Kafka did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaProvisioningException("interrupted while provisioning topics " + wanted, e);
        }
    }

    private List<Mismatch> checkLayout(List<String> existing, int partitions, short replicationFactor)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (existing.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> descriptions = describe(existing);
        List<Mismatch> mismatches = new ArrayList<>();
        for (String topic : existing) {
            TopicDescription description = descriptions.get(topic);
            int actualPartitions = description.partitions().size();
            int actualReplication = description.partitions().isEmpty() ? 0 : description.partitions().get(0).replicas().size();
            if (actualPartitions != partitions || actualReplication != replicationFactor) {
                mismatches.add(new Mismatch(topic, actualPartitions, actualReplication, partitions, replicationFactor));
            }
        }
        return mismatches;
    }

    /**
     * Describes topics that exist, asking again while the broker does not know one yet: a topic
     * created a moment ago (by this client or by another replica starting at the same time) reaches
     * the broker's metadata after its creation has been acknowledged.
     */
    private Map<String, TopicDescription> describe(List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                return admin.describeTopics(topics).allTopicNames().get(left, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                boolean unknownYet = e.getCause() instanceof UnknownTopicOrPartitionException;
                if (!unknownYet || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(METADATA_RETRY_MILLIS) > deadline) {
                    throw e;
                }
                Thread.sleep(METADATA_RETRY_MILLIS);
            }
        }
    }
}
