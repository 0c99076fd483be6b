package io.anidoc.runtime.stage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The records a stage worker has taken from Kafka: the assigned partitions with their progress,
 * the records waiting for a worker thread and the count of those on worker threads. Thread-safe:
 * the Kafka thread assigns, takes and drops; worker threads start and finish records.
 */
final class StageQueue {

    /** A record taken from Kafka, with the progress of its partition's assignment. */
    record Pending(ConsumerRecord<byte[], byte[]> record, PartitionProgress progress) {
    }

    /** Guarded by itself. */
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<TopicPartition, PartitionProgress> assigned = new ConcurrentHashMap<>();

    void assign(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            assigned.put(partition, new PartitionProgress(partition));
        }
    }

    /** Forgets the partitions and their waiting records; returns the progress of those that were assigned. */
    List<PartitionProgress> drop(Collection<TopicPartition> partitions) {
        synchronized (waiting) {
            waiting.removeIf(pending -> partitions.contains(pending.progress().partition()));
        }
        List<PartitionProgress> dropped = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            PartitionProgress progress = assigned.remove(partition);
            if (progress != null) {
                dropped.add(progress);
            }
        }
        return dropped;
    }

    /** Queues the records of assigned partitions; records of a partition no longer assigned are left. */
    void take(ConsumerRecords<byte[], byte[]> records) {
        synchronized (waiting) {
            for (TopicPartition partition : records.partitions()) {
                PartitionProgress progress = assigned.get(partition);
                if (progress == null) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    progress.track(record.offset());
                    waiting.addLast(new Pending(record, progress));
                }
            }
        }
    }

    /** The next waiting record, counted as in flight, while {@code open} holds and fewer than {@code limit} are in flight; else null. */
    Pending startNext(int limit, BooleanSupplier open) {
        synchronized (waiting) {
            if (!open.getAsBoolean() || waiting.isEmpty() || inFlight.get() >= limit) {
                return null;
            }
            Pending next = waiting.pollFirst();
            inFlight.incrementAndGet();
            next.progress().started();
            return next;
        }
    }

    /** A started record left its worker thread (or never reached one). */
    void finished(Pending pending) {
        pending.progress().finished();
        inFlight.decrementAndGet();
    }

    /** Assigned partitions with records on worker threads: a rebalance should leave them where they are. */
    Set<TopicPartition> busyPartitions() {
        Set<TopicPartition> busy = new HashSet<>();
        assigned.forEach((partition, progress) -> {
            if (progress.running() > 0) {
                busy.add(partition);
            }
        });
        return busy;
    }

    int waitingCount() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    void clearWaiting() {
        synchronized (waiting) {
            waiting.clear();
        }
    }

    void clearAssigned() {
        assigned.clear();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Records taken from Kafka whose output is not acknowledged yet (waiting or in flight). */
    int backlog() {
        int total = 0;
        for (PartitionProgress progress : assigned.values()) {
            total += progress.backlog();
        }
        return total;
    }

    Collection<PartitionProgress> partitions() {
        return assigned.values();
    }

    Set<TopicPartition> assignedPartitions() {
        return Set.copyOf(assigned.keySet());
    }

    boolean nothingAssigned() {
        return assigned.isEmpty();
    }
}
