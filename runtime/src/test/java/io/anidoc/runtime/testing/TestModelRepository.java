package io.anidoc.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The generated test models (runtime's {@code src/test/resources/models}, built by
 * triton-models/tools/make_test_models.py) copied into a model repository of a test's own, from
 * the classpath: this module's test resources or, for other modules, the runtime test-jar.
 */
public final class TestModelRepository {

    private TestModelRepository() {
    }

    /** Copies the named models into {@code repository} (created when missing) and returns it. */
    public static Path copy(Path repository, String... models) {
        try {
            for (String model : models) {
                URL url = TestModelRepository.class.getResource("/models/" + model + "/config.pbtxt");
                if (url == null) {
                    throw new IllegalStateException("test model '" + model + "' is not on the classpath; run "
                            + "triton-models/tools/make_test_models.py");
                }
                URI uri = url.toURI();
                if (uri.getScheme().equals("jar")) {
                    FileSystem jar;
                    try {
                        jar = FileSystems.newFileSystem(uri, Map.of());
                    } catch (FileSystemAlreadyExistsException e) {
                        jar = FileSystems.getFileSystem(uri);
                    }
                    copyTree(jar.provider().getPath(uri).getParent(), repository.resolve(model));
                } else {
                    copyTree(Path.of(uri).getParent(), repository.resolve(model));
                }
            }
            return repository;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies one model and serves it under another name (its directory and configured name renamed). */
    public static Path copyAs(Path repository, String model, String servedAs) {
        Path staging = repository.resolve(".staging-" + servedAs);
        copy(staging, model);
        try {
            Files.move(staging.resolve(model), repository.resolve(servedAs));
            Files.delete(staging);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        editConfig(repository, servedAs, "name: \"" + model + "\"", "name: \"" + servedAs + "\"");
        return repository;
    }

    /** Replaces {@code text} in a copied model's config.pbtxt, e.g. to break its contract. */
    public static void editConfig(Path repository, String model, String text, String replacement) {
        Path config = repository.resolve(model).resolve("config.pbtxt");
        try {
            String before = Files.readString(config, StandardCharsets.UTF_8);
            if (!before.contains(text)) {
                throw new IllegalArgumentException(config + " does not contain '" + text + "'");
            }
            Files.writeString(config, before.replace(text, replacement), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
