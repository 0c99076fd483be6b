package io.anidoc.runtime.stage;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The records taken from one partition and which of them are done (output or dead letter
 * acknowledged). Records finish in any order; the offset to commit is just past the longest run
 * of done records from the start, so a commit never skips a record that is still being worked on.
 *
 * <p>One instance per assignment: when a partition is revoked and later assigned again, the new
 * assignment gets a new instance, so a late completion of the old one changes nothing.
 * Thread-safe.
 */
final class PartitionProgress {

    private final TopicPartition partition;
    private final ArrayDeque<Long> outstanding = new ArrayDeque<>();
    private final Set<Long> done = new HashSet<>();
    private int running;
    private long position = -1;
    private long committed = -1;

    PartitionProgress(TopicPartition partition) {
        this.partition = partition;
    }

    TopicPartition partition() {
        return partition;
    }

    /** A record was taken from Kafka; offsets must come in increasing order. */
    synchronized void track(long offset) {
        Long last = outstanding.peekLast();
        if (last != null && offset <= last) {
            throw new IllegalStateException(partition + ": offset " + offset + " tracked after " + last);
        }
        if (position >= 0 && offset < position) {
            throw new IllegalStateException(partition + ": offset " + offset + " is before the completed position " + position);
        }
        outstanding.addLast(offset);
    }

    /** A tracked record went to a worker thread. */
    synchronized void started() {
        running++;
    }

    /** A started record left its worker thread, done or not. */
    synchronized void finished() {
        running--;
        notifyAll();
    }

    /** The record's output (or dead letter) is acknowledged. */
    synchronized void complete(long offset) {
        if (!outstanding.contains(offset)) {
            throw new IllegalStateException(partition + ": offset " + offset + " completed but never tracked");
        }
        done.add(offset);
        while (!outstanding.isEmpty() && done.remove(outstanding.peekFirst())) {
            position = outstanding.removeFirst() + 1;
        }
    }

    /** The offset to commit when it moved past the last commit. */
    synchronized OptionalLong committable() {
        return position > committed ? OptionalLong.of(position) : OptionalLong.empty();
    }

    /** Just past the longest done run, or -1 while nothing is done. */
    synchronized long position() {
        return position;
    }

    synchronized void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Tracked records not done yet (waiting, running or awaiting acknowledgement). */
    synchronized int backlog() {
        return outstanding.size() - done.size();
    }

    /** Records on worker threads right now. */
    synchronized int running() {
        return running;
    }

    /** Waits until no record of this partition is on a worker thread; false on timeout. */
    synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        while (running > 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        return true;
    }

    @Override
    public synchronized String toString() {
        return partition + "[position=" + position + ", committed=" + committed + ", backlog=" + outstanding.size()
                + ", running=" + running + "]";
    }
}
