package io.anidoc.runtime.service;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM makes a service process finish its in-flight work before it exits. */
class ShutdownSignalIT {

    @TempDir
    Path markers;

    @Test
    void sigtermStopsTheServiceGracefully() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = markers.resolve("process.log");
        // the child runs on this JVM's class path (surefire's plain list or its manifest jar)
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Danidoc.log.format=text", SignalledServiceMain.class.getName(), markers.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            Path started = markers.resolve("started");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(started) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(started).as("service started; its output:%n%s", read(log)).exists();

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("process exited").isTrue();

            assertThat(markers.resolve("stopped")).as("verticle finished its work; output:%n%s", read(log))
                    .hasContent("in-flight work finished");
            assertThat(read(log)).contains("stopping signalled", "signalled stopped");
        } finally {
            process.destroyForcibly();
        }
    }

    private static String read(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file) : "<none>";
    }
}
