package io.anidoc.runtime.service;

import java.time.Duration;

/**
 * How {@code ANIDOC_SHUTDOWN_TIMEOUT} is shared out among the steps of a graceful stop, so that
 * their sum fits by construction: the process is never cut off in the middle of a close.
 *
 * <ul>
 *   <li>{@link #drain()} 60 %: records already on worker threads finish;</li>
 *   <li>{@link #commit()} 10 %: the final offset commit;</li>
 *   <li>{@link #consumerClose()} 10 %: the consumer leaves its group;</li>
 *   <li>{@link #producerClose()} 10 %: the producer sends what it still holds;</li>
 *   <li>{@link #reserve()} the rest (10 %): the blob store, the HTTP server and Vert.x.</li>
 * </ul>
 *
 * @param total the whole budget, {@code ANIDOC_SHUTDOWN_TIMEOUT}
 */
public record ShutdownBudget(Duration total) {

    private static final int DRAIN_PERCENT = 60;
    private static final int STEP_PERCENT = 10;

    public ShutdownBudget {
        if (total == null || total.isNegative()) {
            throw new IllegalArgumentException("the shutdown budget must be 0 or more, got " + total);
        }
    }

    public Duration drain() {
        return share(DRAIN_PERCENT);
    }

    public Duration commit() {
        return share(STEP_PERCENT);
    }

    public Duration consumerClose() {
        return share(STEP_PERCENT);
    }

    public Duration producerClose() {
        return share(STEP_PERCENT);
    }

    /** Drain, commit and the closing of both clients: what a stage worker may spend stopping. */
    public Duration worker() {
        return drain().plus(commit()).plus(consumerClose()).plus(producerClose());
    }

    /** What is left for the rest of the service once a worker stopped. */
    public Duration reserve() {
        return total.minus(worker());
    }

    private Duration share(int percent) {
        return Duration.ofMillis(total.toMillis() * percent / 100);
    }
}
