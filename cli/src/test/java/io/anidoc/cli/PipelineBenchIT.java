package io.anidoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --pipeline} on the local stack: every phase runs and its figures are printed and written as JSON. */
class PipelineBenchIT {

    @Test
    void pipelineBenchTimesShotsAloneAndTogether(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        CliRun bench = CliRun.of("bench", "--pipeline", "--frames", "4", "--shots", "2", "--size", "256x144",
                "--drain-shots", "2", "--keep", dir.resolve("work").toString(), "--json", json.toString());
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("seal-to-finished / direct, median").contains("2 shots at once: 8 drawings")
                .contains("colorizer").contains("busy").contains("draining a pre-filled input");

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
        JsonObject drain = figures.getJsonObject("drain");
        assertThat(drain.getString("stage")).isIn("tracker", "colorizer");
        // one clip per shot (keyframes first and last), as many shots as fill the six partitions evenly:
        // every pre-filled clip was drained, once per phase
        assertThat(drain.getInteger("clipsOne")).isEqualTo(6);
        assertThat(drain.getInteger("clipsTwo")).isEqualTo(6);
        assertThat(drain.getJsonArray("clipsPerPartitionOne").stream().map(n -> ((Number) n).longValue()))
                .containsExactly(1L, 1L, 1L, 1L, 1L, 1L);
        assertThat(drain.getJsonArray("clipsPerPartitionTwo").stream().map(n -> ((Number) n).longValue()))
                .containsExactly(1L, 1L, 1L, 1L, 1L, 1L);
        assertThat(drain.getLong("oneInstanceMillis")).isPositive();
        assertThat(drain.getLong("twoInstancesMillis")).isPositive();
        // each instance's own metrics account for every clip it drained, and for time spent on them
        assertThat(drain.getJsonArray("oneInstance")).hasSize(1);
        assertThat(drain.getJsonArray("oneInstance").getJsonObject(0).getInteger("clips")).isEqualTo(6);
        assertThat(drain.getJsonArray("oneInstance").getJsonObject(0).getLong("workMillis")).isPositive();
        JsonArray two = drain.getJsonArray("twoInstances");
        assertThat(two).hasSize(2);
        assertThat(two.getJsonObject(0).getInteger("clips") + two.getJsonObject(1).getInteger("clips")).isEqualTo(6);
        assertThat(drain.getDouble("balanceBound")).isBetween(1.0, 2.0);
        assertThat(drain.getDouble("slowdown")).isPositive();
        // every delivered shot of the pipeline phase is on disk
        assertThat(Files.list(dir.resolve("work/pipeline-256x144/pipeline")).count()).isEqualTo(2);
    }
}
