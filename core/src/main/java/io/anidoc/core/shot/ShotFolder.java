package io.anidoc.core.shot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a shot folder: {@code line/NNNN.png} (line art, 0-based frame index, zero padded, any
 * width), {@code keys/NNNN.png} (colored keyframes; their line art is optional), {@code refs/NAME.png}
 * (color model sheets of any size, optional) and an optional {@code shot.json} (shotId, fps,
 * anything else is kept as options). A shot needs at least one keyframe or one model sheet. Image sizes come from the PNG
 * headers, so reading is cheap. Errors name the file and the problem.
 */
public final class ShotFolder {
    private static final Pattern FRAME_NAME = Pattern.compile("(\\d{1,9})\\.png");
    /** Names of model sheets: letters, digits, dot, dash and underscore, not starting with a dot. */
    public static final Pattern SHEET_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final double DEFAULT_FPS = 24;

    private ShotFolder() {
    }

    public static Shot read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("shot folder " + dir + " does not exist or is not a folder");
        }
        Path lineDir = dir.resolve("line");
        Path keyDir = dir.resolve("keys");
        Path sheetDir = dir.resolve("refs");
        SortedMap<String, Path> sheets = Files.isDirectory(sheetDir) ? sheets(sheetDir) : new TreeMap<>();
        if (!Files.isDirectory(keyDir) && sheets.isEmpty()) {
            throw new IllegalArgumentException("shot folder " + dir + " has no keys/ folder and no model sheet in refs/"
                    + " (at least one colored keyframe or model sheet is needed)");
        }
        SortedMap<Integer, Path> lines = Files.isDirectory(lineDir) ? frames(lineDir) : new TreeMap<>();
        SortedMap<Integer, Path> keys = Files.isDirectory(keyDir) ? frames(keyDir) : new TreeMap<>();
        if (keys.isEmpty() && sheets.isEmpty()) {
            throw new IllegalArgumentException("shot folder " + dir + " has no keyframe in keys/ and no model sheet in refs/");
        }
        if (lines.isEmpty() && !Files.isDirectory(lineDir)) {
            throw new IllegalArgumentException("shot folder " + dir + " has no line/ folder");
        }
        if (lines.isEmpty() && keys.isEmpty()) {
            throw new IllegalArgumentException("shot folder " + dir + " has no drawing in line/");
        }
        int frameCount = Math.max(lines.isEmpty() ? -1 : lines.lastKey(), keys.isEmpty() ? -1 : keys.lastKey()) + 1;
        for (int f = 0; f < frameCount; f++) {
            if (!lines.containsKey(f) && !keys.containsKey(f)) {
                throw new IllegalArgumentException(String.format("frame %04d has neither line/%04d.png nor keys/%04d.png", f, f, f));
            }
        }
        int[] size = null;
        Path sizeSource = null;
        for (Map<Integer, Path> files : java.util.List.of(lines, keys)) {
            for (Path p : files.values()) {
                int[] s = pngSize(p);
                if (size == null) {
                    size = s;
                    sizeSource = p;
                } else if (s[0] != size[0] || s[1] != size[1]) {
                    throw new IllegalArgumentException("mixed frame sizes: " + dir.relativize(p) + " is " + s[0] + "x" + s[1]
                            + " but " + dir.relativize(sizeSource) + " is " + size[0] + "x" + size[1]);
                }
            }
        }
        Map<String, Object> json = readJson(dir.resolve("shot.json"));
        String shotId = json.get("shotId") instanceof String s && !s.isBlank() ? s
                : dir.toAbsolutePath().normalize().getFileName().toString();
        double fps = json.get("fps") instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : DEFAULT_FPS;
        Map<String, Object> options = new LinkedHashMap<>(json);
        options.remove("shotId");
        options.remove("fps");
        for (Path sheet : sheets.values()) {
            pngSize(sheet); // any size, but a PNG
        }
        return new Shot(shotId, dir, frameCount, size[0], size[1], Collections.unmodifiableSortedMap(lines),
                Collections.unmodifiableSortedMap(keys), fps, Collections.unmodifiableMap(options),
                Collections.unmodifiableSortedMap(sheets));
    }

    /** The model sheet files of a shot folder ({@code refs/NAME.png}), by name; none when it has no refs/. */
    public static java.util.List<Path> sheetFiles(Path dir) {
        Path folder = dir.resolve("refs");
        return Files.isDirectory(folder) ? java.util.List.copyOf(sheets(folder).values()) : java.util.List.of();
    }

    private static SortedMap<String, Path> sheets(Path folder) {
        SortedMap<String, Path> out = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path p : files) {
                String file = p.getFileName().toString();
                if (file.startsWith(".") || Files.isDirectory(p)) {
                    continue;
                }
                String name = file.endsWith(".png") ? file.substring(0, file.length() - 4) : "";
                if (!SHEET_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("bad model sheet file name refs/" + file
                            + ": expected NAME.png (letters, digits, '.', '-', '_', up to 64)");
                }
                out.put(name, p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return out;
    }

    private static SortedMap<Integer, Path> frames(Path folder) {
        SortedMap<Integer, Path> out = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || Files.isDirectory(p)) {
                    continue;
                }
                Matcher m = FRAME_NAME.matcher(name);
                if (!m.matches()) {
                    throw new IllegalArgumentException("bad frame file name " + folder.getFileName() + "/" + name
                            + ": expected NNNN.png (frame index, zero padded)");
                }
                int index = Integer.parseInt(m.group(1));
                Path previous = out.put(index, p);
                if (previous != null) {
                    throw new IllegalArgumentException("frame " + index + " appears twice in " + folder.getFileName() + "/: "
                            + previous.getFileName() + " and " + name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return out;
    }

    /** Width and height from a PNG's IHDR chunk. */
    static int[] pngSize(Path p) {
        byte[] head = new byte[24];
        try (InputStream in = Files.newInputStream(p)) {
            int read = in.readNBytes(head, 0, head.length);
            if (read < head.length) {
                throw new IllegalArgumentException(p + " is not a PNG file (too short)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (head[i] != PNG_SIGNATURE[i]) {
                throw new IllegalArgumentException(p + " is not a PNG file");
            }
        }
        int w = ((head[16] & 0xff) << 24) | ((head[17] & 0xff) << 16) | ((head[18] & 0xff) << 8) | (head[19] & 0xff);
        int h = ((head[20] & 0xff) << 24) | ((head[21] & 0xff) << 16) | ((head[22] & 0xff) << 8) | (head[23] & 0xff);
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException(p + " has an invalid PNG size " + w + "x" + h);
        }
        return new int[] {w, h};
    }

    private static Map<String, Object> readJson(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            Map<String, Object> json = new ObjectMapper().readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            return json == null ? Map.of() : json;
        } catch (IOException e) {
            throw new IllegalArgumentException("shot.json in " + file.getParent() + " is not a JSON object: " + e.getMessage(), e);
        }
    }
}
