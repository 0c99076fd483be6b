package io.anidoc.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StageClockTest {

    @Test
    void aStageTimedInsideAnotherCountsForItselfOnly() {
        StageClock clock = new StageClock(List.of("colorize", "write"));

        clock.timed("colorize", () -> {
            for (int frame = 0; frame < 2; frame++) {
                clock.timed("write", () -> {
                    sleep(150);
                    return null;
                });
            }
            return null;
        });

        assertThat(clock.wallMillis().get("write")).as("both writes").isGreaterThanOrEqualTo(300);
        // without leaving the writes out, the colorizer's own time would hold their 300 ms too
        assertThat(clock.wallMillis().get("colorize")).isLessThan(150);
    }

    @Test
    void stagesOneAfterTheOtherAreSummedPerStage() {
        StageClock clock = new StageClock(List.of("track", "colorize"));

        clock.timed("track", () -> {
            sleep(60);
            return null;
        });
        clock.timed("track", () -> {
            sleep(60);
            return null;
        });

        assertThat(clock.wallMillis().get("track")).isGreaterThanOrEqualTo(120);
        assertThat(clock.wallMillis()).containsEntry("colorize", 0L);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
