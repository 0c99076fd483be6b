package io.anidoc.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void aProcessThatFailsToStartNamesItsExitCodeAndTheEndOfItsLog() {
        ChildProcess process = new ChildProcess("bogus", List.of("service", "no-such-service"), Map.of(), List.of(), dir);
        assertThat(process.exitReason()).contains("bogus was never started");

        process.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> process.exitReason().isPresent());

        assertThat(process.exitReason()).contains("bogus exited with code 2");
        assertThat(process.logTail(40)).contains("unknown service 'no-such-service'");
        assertThat(process.logTail(1).lines()).hasSize(1);
    }

    @Test
    void aMissingLogIsNamedInsteadOfThrown() {
        ChildProcess process = new ChildProcess("silent", List.of(), Map.of(), List.of(), dir);

        assertThat(process.logTail(5)).startsWith("(no log at ").contains("silent.log");
    }
}
