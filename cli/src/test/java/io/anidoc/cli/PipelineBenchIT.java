package io.anidoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --pipeline} on the local stack: both phases run and their figures are printed and written as JSON. */
class PipelineBenchIT {

    @Test
    void pipelineBenchTimesShotsAloneAndTogether(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        CliRun bench = CliRun.of("bench", "--pipeline", "--frames", "4", "--shots", "2", "--size", "256x144",
                "--keep", dir.resolve("work").toString(), "--json", json.toString());
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("seal-to-finished / direct, median").contains("2 shots at once: 8 drawings")
                .contains("colorizer").contains("busy");

        JsonObject figures = new JsonArray(Files.readString(json)).getJsonObject(0);
        assertThat(figures.getString("size")).isEqualTo("256x144");
        JsonArray alone = figures.getJsonObject("alone").getJsonArray("shots");
        assertThat(alone).hasSize(2);
        for (int i = 0; i < alone.size(); i++) {
            assertThat(alone.getJsonObject(i).getLong("directMillis")).isPositive();
            assertThat(alone.getJsonObject(i).getLong("sealToFinishedMillis")).isPositive();
        }
        JsonObject together = figures.getJsonObject("together");
        assertThat(together.getInteger("drawings")).isEqualTo(8);
        assertThat(together.getLong("latencyP95Millis")).isGreaterThanOrEqualTo(together.getLong("latencyP50Millis")).isPositive();
        assertThat(together.getJsonObject("stages").fieldNames()).contains("matcher", "tracker", "colorizer");
        // every delivered shot of the pipeline phase is on disk
        assertThat(Files.list(dir.resolve("work/pipeline-256x144/pipeline")).count()).isEqualTo(2);
    }
}
