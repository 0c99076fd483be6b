package io.anidoc.runtime.inference;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static io.anidoc.runtime.inference.CircuitBreaker.State.CLOSED;
import static io.anidoc.runtime.inference.CircuitBreaker.State.HALF_OPEN;
import static io.anidoc.runtime.inference.CircuitBreaker.State.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        fail();
        fail();
        succeed();                 // the streak is broken
        fail();
        fail();
        assertThat(breaker.state()).isEqualTo(CLOSED);
        fail();
        assertThat(breaker.state()).isEqualTo(OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.remainingOpen()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void halfOpensAfterTheOpenPeriodAndLetsOneTrialThrough() {
        open();
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.remainingOpen()).isEqualTo(Duration.ofSeconds(1));
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(breaker.state()).isEqualTo(HALF_OPEN);
        assertThat(breaker.acquire()).isEqualTo(CircuitBreaker.Permit.TRIAL);
        assertThat(breaker.acquire()).isEqualTo(CircuitBreaker.Permit.REFUSED); // everyone else waits for it
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CLOSED);
        assertThat(breaker.acquire()).isEqualTo(CircuitBreaker.Permit.CALL);
        assertThat(breaker.consecutiveFailures()).isZero();
    }

    @Test
    void aFailedTrialOpensAgainForAFullPeriod() {
        open();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(OPEN);
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(breaker.tryAcquire()).isFalse();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aNeutralTrialLetsTheNextCallTry() {
        open();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onNeutral();
        assertThat(breaker.state()).isEqualTo(HALF_OPEN);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    private void open() {
        fail();
        fail();
        fail();
        assertThat(breaker.state()).isEqualTo(OPEN);
    }

    private void fail() {
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure();
    }

    private void succeed() {
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();
    }
}
