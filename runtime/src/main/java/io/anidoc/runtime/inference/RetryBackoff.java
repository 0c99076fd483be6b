package io.anidoc.runtime.inference;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": retry {@code n} (from 1) waits between half and all of
 * {@code min(max, initial * 2^(n-1))}, so clients that failed together do not retry together and
 * the wait never collapses to zero.
 */
public record RetryBackoff(Duration initial, Duration max) {

    public RetryBackoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got initial " + initial + ", max " + max);
        }
    }

    /** The ceiling of retry {@code retry}'s wait, before jitter. */
    public Duration ceiling(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + retry);
        }
        long nanos = initial.toNanos();
        for (int i = 1; i < retry && nanos < max.toNanos(); i++) {
            nanos = Math.multiplyExact(nanos, 2);
        }
        return Duration.ofNanos(Math.min(nanos, max.toNanos()));
    }

    public Duration delay(int retry, RandomGenerator random) {
        long ceiling = ceiling(retry).toNanos();
        long half = ceiling / 2;
        return Duration.ofNanos(half + random.nextLong(ceiling - half + 1));
    }
}
