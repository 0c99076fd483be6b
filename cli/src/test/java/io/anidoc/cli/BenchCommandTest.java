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
        assertThat(bench.out()).contains("OpenCV threads 1").contains("native allocator: MALLOC_ARENA_MAX=").contains("640x360: 3 drawings").contains("480x296: 3 drawings")
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
    void repeatedRunsAreEachTimedAndMustWriteTheSameBytes(@TempDir Path dir) throws Exception {
        Path keep = dir.resolve("bench");
        CliRun bench = CliRun.of("bench", "--frames", "3", "--size", "320x184", "--warmup", "0", "--runs", "3",
                "--keep", keep.toString());
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("320x184: 3 runs of 3 drawings").contains("run 1: ").contains("run 2: ")
                .contains("run 3: ").contains("every run wrote the same bytes (color, lines, fill, confidence)");
        assertThat(bench.out().lines().filter(l -> l.contains("(the median, below)"))).hasSize(1);
        assertThat(bench.out().lines().filter(l -> l.contains("peak heap"))).as("one stage table, the median run's").hasSize(1);
        for (String run : new String[]{"out", "out-run-2", "out-run-3"}) {
            assertThat(Files.list(keep.resolve("320x184").resolve(run).resolve("color")).count()).as(run).isEqualTo(3);
        }
        assertThat(BenchRun.firstDifference(keep.resolve("320x184/out"), keep.resolve("320x184/out-run-3"))).isNull();

        // one byte changed in one layer file of a run is named
        Path fill = keep.resolve("320x184/out-run-2/fill").resolve("0001.png");
        byte[] bytes = Files.readAllBytes(fill);
        bytes[bytes.length / 2] ^= 1;
        Files.write(fill, bytes);
        assertThat(BenchRun.firstDifference(keep.resolve("320x184/out"), keep.resolve("320x184/out-run-2")))
                .isEqualTo("fill/0001.png");
        Files.delete(fill);
        assertThat(BenchRun.firstDifference(keep.resolve("320x184/out"), keep.resolve("320x184/out-run-2")))
                .startsWith("fill/: files [0000.png, 0001.png, 0002.png] against [0000.png, 0002.png]");

        CliRun noRun = CliRun.of("bench", "--runs", "0", "--size", "64x48", "--frames", "2");
        assertThat(noRun.exitCode()).isNotZero();
        assertThat(noRun.err()).contains("--runs must be at least 1");
    }

    @Test
    void theMedianRunIsTheMiddleOneByEngineCpuTime() {
        BenchRun fast = run(100);
        BenchRun middle = run(200);
        BenchRun slow = run(900);
        assertThat(BenchRun.median(java.util.List.of(slow, fast, middle))).isSameAs(middle);
        assertThat(BenchRun.median(java.util.List.of(slow, fast))).as("the lower middle of two").isSameAs(fast);
        assertThat(BenchRun.median(java.util.List.of(slow))).isSameAs(slow);
    }

    private static BenchRun run(long threadCpuMillis) {
        return new BenchRun(null, Path.of("unused"), threadCpuMillis, threadCpuMillis, threadCpuMillis, 0, 0);
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
