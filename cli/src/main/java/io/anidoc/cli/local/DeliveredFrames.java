package io.anidoc.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The frames of a shot folder, by what they hold: how the pipeline's output is compared with the direct run's. */
public final class DeliveredFrames {

    private DeliveredFrames() {
    }

    /** SHA-256 of every PNG under color/, lines/, fill/ and confidence/ (when present), by relative path. */
    public static Map<String, String> hashes(Path outDir) {
        Map<String, String> hashes = new TreeMap<>();
        for (String layer : LocalColorizer.layersIn(outDir)) {
            if (!Files.isDirectory(outDir.resolve(layer))) {
                continue;
            }
            try (Stream<Path> files = Files.list(outDir.resolve(layer))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".png")).toList()) {
                    hashes.put(layer + "/" + file.getFileName(), sha256(Files.readAllBytes(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + outDir.resolve(layer), e);
            }
        }
        return hashes;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
