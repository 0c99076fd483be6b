package io.anidoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class InferenceServerCommandTest {

    @TempDir
    Path dir;

    @Test
    void aMissingRepositoryIsAUsageErrorNamingIt() {
        Run run = run("--model-repository", dir.resolve("nope").toString());
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("--model-repository " + dir.resolve("nope") + " is not a directory");
    }

    @Test
    void thePortMustBeAPort() {
        Run run = run("--model-repository", dir.toString(), "--port", "70000");
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("--port must be between 0 and 65535, got 70000");
    }

    @Test
    void theRepositoryIsRequired() {
        Run run = run();
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("Missing required option: '--model-repository=DIR'");
    }

    private record Run(int code, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new InferenceServerCommand());
        command.setErr(new PrintWriter(err));
        command.setOut(new PrintWriter(new StringWriter()));
        int code = command.execute(args);
        return new Run(code, err.toString());
    }
}
