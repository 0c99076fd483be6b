package io.anidoc.runtime.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The steps of writing a file durably: the bytes go to a new temporary file forced to the disk,
 * the caller renames it into place, and the rename is made durable by syncing the directory.
 */
public final class DurableFiles {

    private DurableFiles() {
    }

    /** Creates {@code file}, which must not exist yet, holding exactly {@code bytes} forced to the disk. */
    public static void writeNew(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Makes a rename in {@code dir} durable. */
    public static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory; the rename is still atomic there
        }
    }
}
