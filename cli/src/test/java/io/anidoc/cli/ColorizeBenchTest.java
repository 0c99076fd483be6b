package io.anidoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColorizeBenchTest {

    @Test
    void colorizeWritesAShotThatEvalScores(@TempDir Path dir) {
        Path shot = dir.resolve("shot");
        Path out = dir.resolve("out");
        assertThat(CliRun.of("synth", "--out", shot.toString(), "--width", "384", "--height", "216", "--frames", "5")
                .exitCode()).isZero();

        CliRun colorize = CliRun.of("colorize", shot.toString(), "--out", out.toString());
        assertThat(colorize.exitCode()).as(colorize.err()).isZero();
        assertThat(colorize.out()).contains("colorized shot synth-1: 5 frames 384x216");
        for (int t = 0; t < 5; t++) {
            assertThat(out.resolve(String.format("color/%04d.png", t))).isRegularFile();
        }
        assertThat(out.resolve("manifest.json")).isRegularFile();

        CliRun eval = CliRun.of("eval", "--pred", out.toString(), "--gt", shot.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        Matcher accuracy = Pattern.compile("non-line pixel accuracy: (\\d\\.\\d+)").matcher(eval.out());
        assertThat(accuracy.find()).isTrue();
        assertThat(Double.parseDouble(accuracy.group(1))).isGreaterThan(0.9);
    }

    @Test
    void benchReportsStageTimesAndMemoryForEverySize(@TempDir Path dir) throws Exception {
        Path keep = dir.resolve("bench");
        CliRun bench = CliRun.of("bench", "--frames", "3", "--size", "640x360,480x296", "--keep", keep.toString());
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("OpenCV threads 1").contains("640x360: 3 drawings").contains("480x296: 3 drawings")
                .contains("normalize").contains("colorize").contains("ms/drawing").contains("peak heap").contains("peak RSS");
        assertThat(bench.out().lines().filter(l -> l.contains("peak heap"))).hasSize(2);
        assertThat(Files.list(keep.resolve("480x296/out/color")).count()).isEqualTo(3);
    }
}
