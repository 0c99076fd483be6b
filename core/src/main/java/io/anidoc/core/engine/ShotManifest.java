package io.anidoc.core.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code manifest.json} of a colorized shot: one shape, written by the direct run
 * ({@link ShotColorizer}) and by the pipeline's sink alike, documented field by field in
 * docs/sink.md. Only ordered maps and lists go in, so the same content gives the same bytes.
 *
 * @param sheets      names of the shot's model sheets ({@code refs/NAME.png}), sorted; colored from when a clip has no keyframe
 * @param engine      the colorizing engine, {@code +}-joined when clips used different ones
 * @param settings    what shaped the result beyond the engine: the direct run's engine settings,
 *                    the pipeline's shot options (as every stage received them)
 * @param frames      one {@link #frame} entry per delivered frame, in index order
 * @param stageMillis wall time per stage summed over the clips
 */
public record ShotManifest(String shotId, int width, int height, List<Integer> keyframes, List<String> sheets, String engine,
                           Map<String, Object> settings, List<Map<String, Object>> frames, List<Clip> clips,
                           List<String> warnings, Map<String, Long> stageMillis) {

    public static final String FILE_NAME = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One clip: its frames, the references among them, the engine, its warnings and stage times. */
    public record Clip(String clipId, int index, int first, int last, List<Integer> references, List<Integer> frames,
                       String engine, List<String> warnings, Map<String, Long> stageMillis) {
    }

    /** {@code shot1/clip-000}: the shot id, then the clip index zero-padded to three digits. */
    public static String clipId(String shotId, int clipIndex) {
        return shotId + "/clip-" + String.format(Locale.ROOT, "%03d", clipIndex);
    }

    /**
     * A frame's entry: {@code index}, {@code reference}, one {@code {path, sha256}} per written
     * layer (in {@link ShotColorizer#LAYERS} order), then the confidence fields when the engine
     * estimated them ({@link ConfidenceJson}).
     *
     * @param layerSha256 SHA-256 of each written layer file, by layer name
     * @param confidence  {@link ConfidenceJson} fields, or an empty map
     */
    public static Map<String, Object> frame(int index, boolean reference, Map<String, String> layerSha256,
                                            Map<String, Object> confidence) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("index", index);
        entry.put("reference", reference);
        String name = String.format(Locale.ROOT, "%04d.png", index);
        for (String layer : ShotColorizer.LAYERS) {
            String sha = layerSha256.get(layer);
            if (sha != null) {
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("path", layer + "/" + name);
                file.put("sha256", sha);
                entry.put(layer, file);
            }
        }
        entry.putAll(confidence);
        return entry;
    }

    /** The JSON document, indented, fields in the documented order. */
    public byte[] toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("shotId", shotId);
        json.put("width", width);
        json.put("height", height);
        json.put("frameCount", frames.size());
        json.put("keyframes", keyframes);
        json.put("sheets", sheets);
        json.put("engine", engine);
        json.put("settings", settings);
        json.put("frames", frames);
        json.put("clips", clips.stream().map(ShotManifest::clipJson).toList());
        json.put("warnings", warnings);
        json.put("stageMillis", new TreeMap<>(stageMillis));
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of shot " + shotId, e);
        }
    }

    private static Map<String, Object> clipJson(Clip clip) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("clipId", clip.clipId());
        entry.put("index", clip.index());
        entry.put("first", clip.first());
        entry.put("last", clip.last());
        entry.put("references", clip.references());
        entry.put("frames", clip.frames());
        entry.put("engine", clip.engine());
        entry.put("warnings", clip.warnings());
        entry.put("stageMillis", new TreeMap<>(clip.stageMillis()));
        return entry;
    }
}
