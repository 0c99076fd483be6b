package io.anidoc.cli.chaos;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessStackTest {

    @TempDir
    Path dir;

    @Test
    void waitingForAServiceThatIsNotRunningFailsAtOnceWithTheReason() {
        try (ProcessStack stack = new ProcessStack(dir, List.of(), Map.of())) {
            // without the check of the process the five minutes would be waited out, and the message would not name it
            assertThatThrownBy(() -> stack.awaitReady("colorizer", Duration.ofMinutes(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("colorizer was never started before ready")
                    .hasMessageContaining("its log ends");
        }
    }
}
