package io.anidoc.runtime.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NativeScratchTest {

    @TempDir
    Path base;

    @Test
    void foldersOfProcessesThatNoLongerRunAreDeletedOthersStay() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path dead = Files.createDirectories(base.resolve(Long.toString(finished.pid())));
        Files.write(dead.resolve("libopencv_java490.so"), new byte[1024]);
        Path alive = Files.createDirectories(base.resolve(Long.toString(ProcessHandle.current().pid())));
        Files.write(alive.resolve("liblz4-java.so"), new byte[16]);
        Path notAProcess = Files.createDirectories(base.resolve("models"));

        assertThat(NativeScratch.sweepDead(base)).containsExactly(dead);
        assertThat(dead).doesNotExist();
        assertThat(alive.resolve("liblz4-java.so")).exists();
        assertThat(notAProcess).exists();
    }
}
