package io.anidoc.runtime.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Deletes the temporary files a killed writer left behind: {@code .<name>.<uuid>.tmp} next to
 * their target and {@code <uuid>.tmp} in a staging folder. Only files untouched for
 * {@link #MIN_AGE} go, so a write in progress on a shared volume (another replica's) is never cut.
 */
public final class StaleTemporaries {

    /** A live write touches its temporary file continuously; one this old was abandoned. */
    public static final Duration MIN_AGE = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(StaleTemporaries.class);
    private static final Pattern TEMPORARY = Pattern.compile(
            "(\\..+\\.)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private StaleTemporaries() {
    }

    /** Whether a file name is one of the temporaries this project writes. */
    public static boolean isTemporary(String fileName) {
        return TEMPORARY.matcher(fileName).matches();
    }

    /**
     * Deletes the temporaries under {@code root} (at most {@code maxDepth} folders deep) last
     * modified before {@code now - MIN_AGE}; returns how many it deleted. Never throws: a file
     * that cannot be read or deleted is logged and left.
     */
    public static int sweep(Path root, int maxDepth, Instant now) {
        Instant cutoff = now.minus(MIN_AGE);
        int[] deleted = {0};
        try {
            Files.walkFileTree(root, java.util.Set.of(), maxDepth + 1, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && isTemporary(file.getFileName().toString())
                            && attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
                        try {
                            Files.deleteIfExists(file);
                            deleted[0]++;
                        } catch (IOException e) {
                            LOG.warn("cannot delete the stale temporary file {}: {}", file, e.toString());
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!(e instanceof NoSuchFileException)) {
                        LOG.warn("cannot look at {} for stale temporaries: {}", file, e.toString());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot sweep stale temporaries under {}: {}", root, e.toString());
        }
        if (deleted[0] > 0) {
            LOG.info("deleted {} stale temporary file(s) under {}", deleted[0], root);
        }
        return deleted[0];
    }
}
