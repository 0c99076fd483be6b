package io.anidoc.sink;

import io.anidoc.runtime.files.DurableFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.UUID;

/**
 * Writes files so that readers see either the old complete file or the new complete file, and so
 * that writing the same bytes again (a retried transaction) changes nothing.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes the bytes unless the file already holds exactly them; returns whether it wrote. */
    static boolean write(Path target, byte[] bytes) throws IOException {
        if (holds(target, bytes)) {
            return false;
        }
        Path dir = Files.createDirectories(target.getParent());
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            DurableFiles.writeNew(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DurableFiles.syncDirectory(dir);
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean holds(Path target, byte[] bytes) throws IOException {
        try {
            return Files.size(target) == bytes.length && Arrays.equals(Files.readAllBytes(target), bytes);
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
