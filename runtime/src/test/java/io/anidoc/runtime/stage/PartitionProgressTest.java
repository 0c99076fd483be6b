package io.anidoc.runtime.stage;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionProgressTest {

    private final PartitionProgress progress = new PartitionProgress(new TopicPartition("clips", 0));

    @Test
    void commitsOnlyPastTheLongestRunOfDoneRecords() {
        for (long offset = 10; offset < 15; offset++) {
            progress.track(offset);
        }
        assertThat(progress.committable()).isEmpty();

        progress.complete(12);
        progress.complete(13);
        assertThat(progress.committable()).as("10 and 11 are not done").isEmpty();

        progress.complete(10);
        assertThat(progress.committable()).hasValue(11);
        assertThat(progress.backlog()).as("11 and 14 are not done").isEqualTo(2);

        progress.complete(11);
        assertThat(progress.committable()).as("10..13 done, 14 not").hasValue(14);

        progress.committed(14);
        assertThat(progress.committable()).as("nothing new since the commit").isEmpty();

        progress.complete(14);
        assertThat(progress.committable()).hasValue(15);
        assertThat(progress.backlog()).isZero();
    }

    @Test
    void offsetsWithGapsAreTrackedInOrder() {
        // transaction markers and compaction leave gaps between offsets
        progress.track(3);
        progress.track(7);
        progress.track(8);
        progress.complete(7);
        assertThat(progress.committable()).isEmpty();
        progress.complete(3);
        assertThat(progress.committable()).hasValue(8);
    }

    @Test
    void refusesOffsetsOutOfOrderAndUnknownCompletions() {
        progress.track(5);
        assertThatThrownBy(() -> progress.track(5)).hasMessageContaining("offset 5 tracked after 5");
        assertThatThrownBy(() -> progress.complete(6)).hasMessageContaining("offset 6 completed but never tracked");
    }

    @Test
    void awaitIdleWaitsForRunningRecordsAndTimesOut() throws Exception {
        progress.track(0);
        progress.started();
        assertThat(progress.awaitIdle(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50)))
                .as("a record is still running").isFalse();

        CountDownLatch idle = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                if (progress.awaitIdle(System.nanoTime() + TimeUnit.SECONDS.toNanos(10))) {
                    idle.countDown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        progress.complete(0);
        progress.finished();
        assertThat(idle.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(progress.running()).isZero();
        waiter.join();
    }
}
