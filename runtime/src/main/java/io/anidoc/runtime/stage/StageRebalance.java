package io.anidoc.runtime.stage;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Cooperative rebalances of a stage worker: a revoked partition is handed over with what is
 * complete committed (after waiting up to the revoke timeout for its records on worker threads);
 * a lost partition is dropped without a commit, since its new owner may already be working on it.
 * Either way the partition's waiting records are dropped and redone by the new owner.
 */
final class StageRebalance implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(StageRebalance.class);

    private final String stage;
    private final Consumer<byte[], byte[]> consumer;
    private final StageQueue queue;
    private final StageCommits commits;
    private final Duration revokeTimeout;
    private final BooleanSupplier running;

    StageRebalance(String stage, Consumer<byte[], byte[]> consumer, StageQueue queue, StageCommits commits,
                   Duration revokeTimeout, BooleanSupplier running) {
        this.stage = stage;
        this.consumer = consumer;
        this.queue = queue;
        this.commits = commits;
        this.revokeTimeout = revokeTimeout;
        this.running = running;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        queue.assign(partitions);
        if (!partitions.isEmpty()) {
            LOG.info("{} assigned {}", stage, partitions);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        List<PartitionProgress> leaving = queue.drop(partitions);
        if (!running.getAsBoolean()) {
            // a stopping worker has drained and committed already
            return;
        }
        long deadline = System.nanoTime() + revokeTimeout.toNanos();
        try {
            for (PartitionProgress progress : leaving) {
                if (!progress.awaitIdle(deadline)) {
                    LOG.warn("{}: {} still has records running after {}; the new owner redoes them",
                            stage, progress.partition(), revokeTimeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            commits.commit(consumer, leaving, true);
        } catch (RuntimeException e) {
            LOG.warn("{} could not commit revoked partitions {}: {}", stage, partitions, e.toString());
        }
        LOG.info("{} revoked {}", stage, partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        queue.drop(partitions);
        LOG.warn("{} lost {} without a chance to commit; the new owner redoes uncommitted records", stage, partitions);
    }
}
