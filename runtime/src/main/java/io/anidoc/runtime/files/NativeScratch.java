package io.anidoc.runtime.files;

import org.apache.commons.io.FileUtils;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The per-process folder native libraries (OpenCV, RocksDB, lz4, ONNX Runtime) unpack into. The
 * {@code anidoc} launcher makes {@code <ANIDOC_NATIVE_DIR>/<pid>} the JVM's {@code java.io.tmpdir}
 * and names it in the system property {@value #PROPERTY}; the JVM deletes it at exit, and at start
 * deletes the folders of processes that no longer run (killed, so their exit hooks never ran).
 */
public final class NativeScratch {

    /** The system property holding this process's folder. */
    public static final String PROPERTY = "anidoc.native.dir";

    private NativeScratch() {
    }

    /**
     * When the launcher gave this process a folder: sweeps the folders of dead processes next to
     * it and deletes it at JVM exit. Returns the folder. Called first thing in {@code main}.
     */
    public static Optional<Path> adopt() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path own = Path.of(value).toAbsolutePath().normalize();
        if (own.getParent() != null) {
            sweepDead(own.getParent());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteAtExit(own), "native-scratch-cleanup"));
        return Optional.of(own);
    }

    /** Other exit hooks (OpenCV's) delete parts of the folder at the same time: try again until it is gone. */
    private static void deleteAtExit(Path folder) {
        for (int attempt = 0; attempt < 10 && Files.exists(folder); attempt++) {
            FileUtils.deleteQuietly(folder.toFile());
            if (Files.exists(folder)) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Deletes the folders in {@code base} named by the id of a process that no longer runs; returns them. */
    public static List<Path> sweepDead(Path base) {
        List<Path> deleted = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(base, Files::isDirectory)) {
            for (Path folder : folders) {
                Optional<Long> pid = pid(folder.getFileName().toString());
                if (pid.isPresent() && !ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
                    FileUtils.deleteQuietly(folder.toFile());
                    deleted.add(folder);
                }
            }
        } catch (IOException e) {
            // nothing to sweep where the base cannot be listed; the launcher reports a base it cannot create
        }
        return deleted;
    }

    private static Optional<Long> pid(String name) {
        if (name.isEmpty() || name.length() > 12 || !name.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(name));
    }
}
