package io.anidoc.core.shot;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A shot folder as read: {@code line/NNNN.png} drawings and {@code keys/NNNN.png} colored keyframes.
 *
 * @param frameCount one more than the highest frame index
 * @param lines      line art path by frame index
 * @param keys       keyframe path by frame index
 * @param fps        frames per second from shot.json, or 24
 * @param options    the rest of shot.json (empty when there is none)
 * @param sheets     model sheets ({@code refs/NAME.png}, any size) by name
 */
public record Shot(String shotId, Path dir, int frameCount, int width, int height, SortedMap<Integer, Path> lines,
                   SortedMap<Integer, Path> keys, double fps, Map<String, Object> options, SortedMap<String, Path> sheets) {

    public Shot(String shotId, Path dir, int frameCount, int width, int height, SortedMap<Integer, Path> lines,
                SortedMap<Integer, Path> keys, double fps, Map<String, Object> options) {
        this(shotId, dir, frameCount, width, height, lines, keys, fps, options, new java.util.TreeMap<>());
    }

    public List<Integer> keyframes() {
        return List.copyOf(keys.keySet());
    }
}
