package io.anidoc.core.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The numbered PNG frames of a folder ({@code NNNN.png}, any zero padding), by frame index. */
final class FrameFiles {
    private static final Pattern NAME = Pattern.compile("(\\d{1,9})\\.png");

    private FrameFiles() {
    }

    /** Ground-truth frames of a shot folder that are scored: {@code gt/} less the keyframes of {@code keys/}. */
    static TreeMap<Integer, Path> scoredTruths(Path gtDir) {
        TreeMap<Integer, Path> truths = list(gtDir.resolve("gt"), true);
        truths.keySet().removeAll(list(gtDir.resolve("keys"), false).keySet());
        return truths;
    }

    /** Frames of {@code folder}; an absent folder has none unless {@code required}. */
    static TreeMap<Integer, Path> list(Path folder, boolean required) {
        TreeMap<Integer, Path> frames = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            if (required) {
                throw new IllegalArgumentException("missing folder " + folder);
            }
            return frames;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.png")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                Matcher m = NAME.matcher(name);
                if (!m.matches()) {
                    throw new IllegalArgumentException("unexpected file name " + entry + " (expected NNNN.png)");
                }
                Path previous = frames.put(Integer.parseInt(m.group(1)), entry);
                if (previous != null) {
                    throw new IllegalArgumentException("two files for frame " + m.group(1) + ": " + previous + " and " + entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return frames;
    }
}
