package io.anidoc.runtime.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownBudgetTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 7, 999, 1_000, 2_500, 30_000, 45_001, 600_000})
    void theStepsOfAStopAddUpToNoMoreThanTheTimeoutAndLeaveAReserve(long millis) {
        Duration total = Duration.ofMillis(millis);
        ShutdownBudget budget = new ShutdownBudget(total);

        Duration steps = budget.drain().plus(budget.commit()).plus(budget.consumerClose()).plus(budget.producerClose());
        assertThat(steps).isEqualTo(budget.worker());
        assertThat(steps).isLessThanOrEqualTo(total);
        assertThat(budget.reserve()).isEqualTo(total.minus(steps));
        assertThat(budget.reserve().toMillis()).isGreaterThanOrEqualTo(millis / 10);
    }

    @ParameterizedTest
    @ValueSource(longs = {10_000, 30_000})
    void drainingGetsTheLargestShare(long millis) {
        ShutdownBudget budget = new ShutdownBudget(Duration.ofMillis(millis));

        assertThat(budget.drain()).isEqualTo(Duration.ofMillis(millis * 6 / 10));
        assertThat(budget.commit()).isEqualTo(Duration.ofMillis(millis / 10));
        assertThat(budget.consumerClose()).isEqualTo(budget.commit());
        assertThat(budget.producerClose()).isEqualTo(budget.commit());
    }
}
