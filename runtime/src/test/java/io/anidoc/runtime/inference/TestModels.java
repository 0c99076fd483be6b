package io.anidoc.runtime.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The model repository under src/test/resources/models, built by
 * triton-models/tools/make_test_models.py: add_sub, dtypes, lightglue, lightglue_fp32, cotracker, anidoc.
 */
public final class TestModels {

    private TestModels() {
    }

    public static Path repository() {
        URL url = TestModels.class.getResource("/models/add_sub/config.pbtxt");
        if (url == null) {
            throw new IllegalStateException("test models missing; run triton-models/tools/make_test_models.py");
        }
        try {
            return Path.of(url.toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the named models of the test repository into {@code target}. */
    public static Path copy(Path target, String... models) {
        try {
            for (String model : models) {
                Path source = repository().resolve(model);
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.toList()) {
                        Path destination = target.resolve(model).resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(destination);
                        } else {
                            Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
