package io.anidoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnidocTest {

    @Test
    void helpListsTheSubcommands() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: anidoc");
        for (String command : new String[] {"synth", "colorize", "eval", "bench", "up", "broker", "chaos", "submit", "watch", "service", "inference-server"}) {
            assertThat(run.out()).containsPattern("(?m)^\\s+" + command + "\\s+\\S");
        }
    }

    @Test
    void aChaosRunWithMoreBrokerRestartsThanFaultsIsAUsageError() {
        CliRun run = CliRun.of("chaos", "--kills", "2", "--broker-restarts", "3");
        assertThat(run.exitCode()).isEqualTo(Anidoc.USAGE);
        assertThat(run.err()).contains("0 <= --broker-restarts <= --kills").contains("--kills 2, --broker-restarts 3");
    }

    @Test
    void anUnknownServiceIsAUsageErrorNamingTheServices() {
        CliRun run = CliRun.of("service", "nope");
        assertThat(run.exitCode()).isEqualTo(Anidoc.USAGE);
        assertThat(run.err()).contains("unknown service 'nope'").contains("ingest, matcher, tracker, colorizer, sink, console");
    }

    @Test
    void submitNamesAnIngestThatDoesNotAnswer(@TempDir Path dir) throws Exception {
        Path shot = dir.resolve("shot");
        assertThat(CliRun.of("synth", "--out", shot.toString(), "--width", "64", "--height", "64", "--frames", "2")
                .exitCode()).isZero();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.of("submit", shot.toString(), "--ingest", "http://127.0.0.1:" + port, "--retry-for", "2s");
        assertThat(run.exitCode()).isEqualTo(Anidoc.FAILURE);
        assertThat(run.err())
                .contains("waiting: ingest at http://127.0.0.1:" + port + " did not answer PUT /v1/shots/synth-1")
                .contains("connection refused")
                .contains("gave up after retrying for 2 s");

        CliRun badUrl = CliRun.of("submit", shot.toString(), "--ingest", "localhost:8080");
        assertThat(badUrl.exitCode()).isEqualTo(Anidoc.FAILURE);
        assertThat(badUrl.err()).contains("not an http:// or https:// URL");

        CliRun badTimeout = CliRun.of("colorize", shot.toString(), "--out", "x", "--timeout", "soon");
        assertThat(badTimeout.exitCode()).isEqualTo(Anidoc.USAGE);
        assertThat(badTimeout.err()).contains("'soon' is not a duration");
    }

    @Test
    void versionNamesTheProjectVersion() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("anidoc 0.").doesNotContain("${");
        // this JVM was not started by the launcher, which sets it: the line says what is in force
        String arenas = System.getenv("MALLOC_ARENA_MAX");
        assertThat(run.out()).contains("native allocator: MALLOC_ARENA_MAX=" + (arenas == null ? "unset" : arenas));
        String tunables = System.getenv("GLIBC_TUNABLES");
        assertThat(run.out()).contains("GLIBC_TUNABLES=" + (tunables == null ? "unset" : tunables));
        // the test JVM's own flag, which the launcher would have set where the kernel offers huge pages
        boolean hugePages = ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:+UseTransparentHugePages");
        assertThat(run.out()).contains("Java heap on transparent huge pages: " + (hugePages ? "yes" : "no"));
    }

    @Test
    void usageErrorsExitWithTwo() {
        CliRun none = CliRun.of();
        assertThat(none.exitCode()).isEqualTo(Anidoc.USAGE);
        assertThat(none.err()).contains("Usage: anidoc");

        CliRun unknown = CliRun.of("paint");
        assertThat(unknown.exitCode()).isEqualTo(Anidoc.USAGE);
        assertThat(unknown.err()).contains("paint");

        CliRun badMotion = CliRun.of("synth", "--out", "x", "--motion", "wobbly");
        assertThat(badMotion.exitCode()).isEqualTo(Anidoc.USAGE);
        assertThat(badMotion.err()).contains("wobbly");

        CliRun badKeys = CliRun.of("synth", "--out", "x", "--frames", "4", "--keys", "0,9");
        assertThat(badKeys.exitCode()).isEqualTo(Anidoc.USAGE);
        assertThat(badKeys.err()).contains("keyframe 9");
    }

    @Test
    void failuresExitWithOneAndSayWhy() {
        CliRun run = CliRun.of("eval", "--pred", "no-such-output", "--gt", "no-such-shot");
        assertThat(run.exitCode()).isEqualTo(Anidoc.FAILURE);
        assertThat(run.err()).contains("no-such-output").contains("does not exist");

        CliRun colorize = CliRun.of("colorize", "no-such-shot", "--out", "x");
        assertThat(colorize.exitCode()).isEqualTo(Anidoc.FAILURE);
        assertThat(colorize.err()).contains("no-such-shot");
    }
}
