package io.anidoc.runtime.inference;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops calling a server that keeps failing. Closed: calls go through and consecutive failures are
 * counted. Open (after {@code failureThreshold} consecutive failures): calls fail fast without
 * touching the network. Half-open (once {@code openDuration} has passed): one trial call goes
 * through; its success closes the breaker, its failure opens it again for another period.
 *
 * <p>Callers ask {@link #acquire()} before a call and, unless refused, report exactly one of
 * {@link #onSuccess()}, {@link #onFailure()} or {@link #onNeutral()} after it.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** The answer to {@link #acquire()}: refused, an ordinary call, or the half-open trial call. */
    public enum Permit { REFUSED, CALL, TRIAL }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier nanoClock;

    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openedAt;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, Duration openDuration) {
        this(failureThreshold, openDuration, System::nanoTime);
    }

    /** With a clock of its own, for tests. */
    public CircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier nanoClock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1, got " + failureThreshold);
        }
        this.failureThreshold = failureThreshold;
        this.openNanos = openDuration.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Whether a call may go out now: refused while open (or while the half-open trial is running). */
    public synchronized Permit acquire() {
        switch (state) {
            case CLOSED:
                return Permit.CALL;
            case OPEN:
                if (nanoClock.getAsLong() - openedAt < openNanos) {
                    return Permit.REFUSED;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return Permit.TRIAL;
            default:
                if (trialInFlight) {
                    return Permit.REFUSED;
                }
                trialInFlight = true;
                return Permit.TRIAL;
        }
    }

    /** Shorthand for {@code acquire() != REFUSED}. */
    public boolean tryAcquire() {
        return acquire() != Permit.REFUSED;
    }

    /** The server answered properly: close (again). */
    public synchronized void onSuccess() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        trialInFlight = false;
    }

    /** The server failed (unreachable, overloaded, timed out, broken). */
    public synchronized void onFailure() {
        if (state == State.HALF_OPEN) {
            open();
            return;
        }
        if (state == State.CLOSED && ++consecutiveFailures >= failureThreshold) {
            open();
        }
    }

    /** The call ended without telling whether the server is healthy (e.g. a rejected request). */
    public synchronized void onNeutral() {
        if (state == State.HALF_OPEN) {
            trialInFlight = false;
        }
    }

    public synchronized State state() {
        if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= openNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** How much longer calls fail fast; zero unless open. */
    public synchronized Duration remainingOpen() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, openNanos - (nanoClock.getAsLong() - openedAt)));
    }

    private void open() {
        state = State.OPEN;
        openedAt = nanoClock.getAsLong();
        trialInFlight = false;
    }
}
