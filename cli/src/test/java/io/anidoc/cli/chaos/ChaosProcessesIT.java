package io.anidoc.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short chaos run of CI: the broker and every service as separate JVMs, six faults by
 * {@code kill -9} of a service or a restart of the broker while shots flow; every shot must still be finished
 * and delivered exactly once, frame for frame as the direct run, with no dead letter, and every
 * process must be back at work after its fault. The long run is {@code ./anidoc chaos}
 * (docs/operations.md).
 */
class ChaosProcessesIT {

    @TempDir
    Path dir;

    @Test
    void everyShotIsDeliveredOnceAndIdenticallyThroughKillsOfEveryProcess() throws Exception {
        ChaosRun.Options options = new ChaosRun.Options(dir, 3, 256, 144, 5, Duration.ofSeconds(8), 6, 1, 7,
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), Duration.ofMinutes(3), Duration.ofMinutes(4));
        ChaosRun.Report report = new ChaosRun(options, new PrintWriter(System.out, true)).run();
        System.out.println(ChaosReportText.of(report));

        assertThat(report.failures()).as("checks of the chaos run").isEmpty();
        assertThat(report.faults()).hasSize(6);
        assertThat(report.brokerRestarts()).isEqualTo(1);
        assertThat(report.submitToFinishedMillis()).hasSizeGreaterThanOrEqualTo(3);
        // after a broker restart the pipeline makes progress again, within a bound
        ChaosRun.Fault broker = report.faults().stream().filter(f -> f.victim().equals(ProcessStack.BROKER)).findFirst().orElseThrow();
        assertThat(broker.progressMillis()).as("progress after the broker restart").isPresent();
        assertThat(broker.progressMillis().get()).isLessThan(Duration.ofMinutes(2).toMillis());
    }
}
