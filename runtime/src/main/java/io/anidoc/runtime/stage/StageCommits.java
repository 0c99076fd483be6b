package io.anidoc.runtime.stage;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Commits the offsets past each partition's longest run of done records; used by the Kafka thread
 * only (the consumer is not thread-safe).
 */
final class StageCommits {

    private static final Logger LOG = LoggerFactory.getLogger(StageCommits.class);

    private final String stage;
    private final Duration syncTimeout;
    private long lastCommitNanos = System.nanoTime();

    /** @param syncTimeout how long a synchronous commit (revoke, stop) may block */
    StageCommits(String stage, Duration syncTimeout) {
        this.stage = stage;
        this.syncTimeout = syncTimeout;
    }

    boolean due(Duration interval) {
        return System.nanoTime() - lastCommitNanos >= interval.toNanos();
    }

    /**
     * Commits what moved since the last commit; {@code sync} waits for the broker (at most the
     * sync timeout) and throws when it refuses, else the outcome is logged.
     */
    void commit(Consumer<byte[], byte[]> consumer, Collection<PartitionProgress> partitions, boolean sync) {
        lastCommitNanos = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, PartitionProgress> owners = new HashMap<>();
        for (PartitionProgress progress : partitions) {
            progress.committable().ifPresent(position -> {
                offsets.put(progress.partition(), new OffsetAndMetadata(position));
                owners.put(progress.partition(), progress);
            });
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets, syncTimeout);
            offsets.forEach((partition, offset) -> owners.get(partition).committed(offset.offset()));
            LOG.debug("{} committed {}", stage, offsets);
        } else {
            consumer.commitAsync(offsets, (done, error) -> {
                if (error != null) {
                    LOG.warn("{} could not commit {}: {}", stage, offsets, error.toString());
                } else {
                    done.forEach((partition, offset) -> owners.get(partition).committed(offset.offset()));
                }
            });
        }
    }
}
