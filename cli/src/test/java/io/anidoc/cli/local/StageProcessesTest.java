package io.anidoc.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageProcessesTest {

    /** What an instance's /metrics shows of its stage meters (Micrometer's Prometheus format). */
    private static final String METRICS = """
            # HELP anidoc_stage_records_processed_total Records whose output was acknowledged
            # TYPE anidoc_stage_records_processed_total counter
            anidoc_stage_records_processed_total{service="colorizer",stage="colorizer"} 3.0
            # TYPE anidoc_stage_record_latency_seconds summary
            anidoc_stage_record_latency_seconds_count{service="colorizer",stage="colorizer"} 3
            anidoc_stage_record_latency_seconds_sum{service="colorizer",stage="colorizer"} 12.345
            anidoc_stage_record_latency_seconds_max{service="colorizer",stage="colorizer"} 4.5
            """;

    @Test
    void theClipsAndTheWorkTimeAreReadFromTheSamplesNotTheirHelpLines() {
        assertThat(StageProcesses.value(StageProcesses.WORK_SECONDS, METRICS)).isEqualTo(12.345);
        assertThat(StageProcesses.value(StageProcesses.PROCESSED, METRICS)).isEqualTo(3.0);
    }

    @Test
    void anInstanceThatDidNoWorkHasNoSampleAndCountsZero() {
        assertThat(StageProcesses.value(StageProcesses.PROCESSED, "# HELP jvm_threads_live_threads\njvm_threads_live_threads 31.0\n"))
                .isZero();
    }
}
