package io.anidoc.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory run: a shot through the pipeline as separate processes, each JVM with a capped heap,
 * reports every process's peak resident set.
 */
class MemoryRunIT {

    @TempDir
    Path dir;

    @Test
    void aShotThroughSeparateProcessesReportsEachProcesssPeakResidentSet() throws Exception {
        StringWriter printed = new StringWriter();
        MemoryRun run = new MemoryRun(new PrintWriter(printed, true), Duration.ofMinutes(3), Duration.ofMinutes(5));

        MemoryRun.Report report = run.run(dir, 256, 144, 3, 7, "384m");

        assertThat(report.peakResidentBytes()).containsOnlyKeys("broker", "ingest", "matcher", "tracker", "colorizer", "sink");
        // a running JVM holds tens of MiB at least; -1 would mean the process was not there to measure
        assertThat(report.peakResidentBytes().values()).allSatisfy(bytes -> assertThat(bytes).isGreaterThan(32L << 20));
        assertThat(report.shotMillis()).isPositive();
        assertThat(printed.toString()).contains("256x144, 3 drawings, every JVM -Xmx384m: shot finished")
                .contains("colorizer");
        JsonObject json = report.toJson();
        assertThat(json.getString("maxHeap")).isEqualTo("384m");
        assertThat(json.getJsonObject("peakResidentBytes").getLong("sink")).isEqualTo(report.peakResidentBytes().get("sink"));
    }
}
