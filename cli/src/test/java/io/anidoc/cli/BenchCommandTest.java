package io.anidoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @Test
    void benchReportsStageTimesAndMemoryForEverySize(@TempDir Path dir) throws Exception {
        Path keep = dir.resolve("bench");
        CliRun bench = CliRun.of("bench", "--frames", "3", "--size", "640x360,480x296", "--keep", keep.toString());
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("OpenCV threads 1").contains("640x360: 3 drawings").contains("480x296: 3 drawings")
                .contains("normalize").contains("colorize").contains("ms/drawing").contains("CPU time").contains("peak heap").contains("peak RSS");
        assertThat(bench.out().lines().filter(l -> l.contains("peak heap"))).hasSize(2);
        assertThat(Files.list(keep.resolve("480x296/out/color")).count()).isEqualTo(3);
        assertThat(bench.out()).contains("after an untimed warm-up shot of 3 drawings");
        assertThat(Files.list(keep.resolve("480x296/warmup/out/color")).count()).as("the warm-up shot, colorized apart")
                .isEqualTo(3);

        CliRun oneDrawing = CliRun.of("bench", "--warmup", "1", "--size", "64x48", "--frames", "2");
        assertThat(oneDrawing.exitCode()).isNotZero();
        assertThat(oneDrawing.err()).contains("--warmup must be 0 or at least 2 drawings");
    }

    @Test
    void theMemoryRunRefusesAHeapTheJvmWouldNotTakeAndThePipelineRunBesideIt() {
        CliRun badHeap = CliRun.of("bench", "--memory", "--heap", "lots", "--size", "64x48", "--frames", "2");
        assertThat(badHeap.exitCode()).isNotZero();
        assertThat(badHeap.err()).contains("--heap must be a JVM heap size").contains("lots");

        CliRun both = CliRun.of("bench", "--memory", "--pipeline", "--size", "64x48", "--frames", "2");
        assertThat(both.exitCode()).isNotZero();
        assertThat(both.err()).contains("--pipeline and --memory");
    }
}
