package io.anidoc.console;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The delivered files of a shot under the sink's output root, found through the shot's
 * {@code manifest.json} (never by a path taken from the request).
 */
final class ShotFiles {

    static final Set<String> LAYERS = Set.of("color", "fill", "lines", "confidence");
    private static final Pattern SHOT_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private final Path outputRoot;

    ShotFiles(Path outputRoot) {
        this.outputRoot = outputRoot.toAbsolutePath().normalize();
    }

    static boolean validShotId(String shotId) {
        return SHOT_ID.matcher(shotId).matches() && !shotId.equals(".") && !shotId.equals("..");
    }

    /** The folder of a delivered version: the shot's folder for version 1, {@code v<N>/} inside it for a retake. */
    Path folder(String shotId, int version) {
        Path shot = outputRoot.resolve(shotId);
        return version == 1 ? shot : shot.resolve("v" + version);
    }

    /** The manifest of a delivered version; empty while it is not delivered. */
    Optional<JsonObject> manifest(String shotId, int version) throws IOException {
        Path manifest = folder(shotId, version).resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        return Optional.of(new JsonObject(Files.readString(manifest)));
    }

    /** The file of one layer of one drawing, as the manifest names it; empty when it has none. */
    Optional<Path> layer(String shotId, int version, String layer, int index) throws IOException {
        Optional<JsonObject> manifest = manifest(shotId, version);
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        for (Object entry : manifest.get().getJsonArray("frames")) {
            JsonObject frame = (JsonObject) entry;
            if (frame.getInteger("index") == index) {
                JsonObject file = frame.getJsonObject(layer);
                if (file == null) {
                    return Optional.empty();
                }
                Path folder = folder(shotId, version);
                Path path = folder.resolve(file.getString("path")).normalize();
                return path.startsWith(folder) && Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
