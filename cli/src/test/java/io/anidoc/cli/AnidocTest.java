package io.anidoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnidocTest {

    @Test
    void helpListsTheSubcommands() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: anidoc").contains("synth").contains("colorize").contains("eval").contains("bench");
    }

    @Test
    void versionNamesTheProjectVersion() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("anidoc 0.").doesNotContain("${");
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
