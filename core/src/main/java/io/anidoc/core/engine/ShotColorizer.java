package io.anidoc.core.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.opencv.core.Mat;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.colorize.ColorizedFrame;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.image.Images;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.shot.ClipPlan;
import io.anidoc.core.shot.ClipPlanner;
import io.anidoc.core.shot.Shot;

/**
 * Colorizes a whole shot in one process: plans clips, runs normalize, match, track and colorize per
 * clip, and writes {@code OUT/color}, {@code OUT/lines}, {@code OUT/fill} and {@code OUT/manifest.json}.
 * The images are deterministic; the manifest records their sha256, the engine, its settings and the
 * time spent per stage.
 */
public final class ShotColorizer {
    public static final List<String> STAGES = List.of("normalize", "match", "track", "colorize", "write");
    /** Image layers written per frame, each to {@code OUT/<layer>/NNNN.png}. */
    public static final List<String> LAYERS = List.of("color", "lines", "fill", "confidence");

    private final EngineSettings settings;
    private final ClipEngine engine;

    public ShotColorizer(EngineSettings settings) {
        this.settings = settings;
        this.engine = new ClipEngine(settings);
    }

    public ShotResult colorize(Shot shot, Path out) {
        StageClock timings = new StageClock(STAGES);
        List<String> warnings = new ArrayList<>();
        List<ClipPlan> plans = ClipPlanner.plan(shot.frameCount(), shot.keyframes(), settings.maxClipDrawings());
        TreeMap<Integer, Map<String, Object>> written = new TreeMap<>();
        List<Map<String, Object>> clips = new ArrayList<>();
        for (ClipPlan plan : plans) {
            warnings.addAll(plan.warnings());
            ClipInput input = load(shot, plan);
            ClipFrames frames = timings.timed("normalize", () -> engine.prepare(input));
            release(input);
            ClipMatches matches = timings.timed("match", () -> engine.match(frames));
            DenseCorrespondence dense = timings.timed("track", () -> engine.track(frames, matches));
            List<ColorizedFrame> result = timings.timed("colorize", () -> engine.colorize(frames, matches, dense));
            timings.timed("write", () -> {
                for (ColorizedFrame f : result) {
                    if (!written.containsKey(f.frame())) {
                        written.put(f.frame(), write(out, f));
                    }
                    f.release();
                }
                return null;
            });
            clips.add(clipJson(plan));
        }
        // keyframes outside every clip (e.g. a shot of keyframes only) pass through as well
        for (int k : shot.keyframes()) {
            if (!written.containsKey(k)) {
                ClipInput input = load(shot, new ClipPlan(-1, k, k, List.of(), List.of(k), List.of()));
                ClipFrames frames = engine.prepare(input);
                release(input);
                for (ColorizedFrame f : engine.colorize(frames, null, null)) {
                    written.put(f.frame(), write(out, f));
                    f.release();
                }
            }
        }
        Path manifest = writeManifest(shot, out, written, clips, timings.wallMillis(), warnings);
        return new ShotResult(shot.shotId(), out, manifest, List.copyOf(written.keySet()), Map.copyOf(timings.wallMillis()),
                Map.copyOf(timings.cpuMillis()), List.copyOf(warnings));
    }

    private static ClipInput load(Shot shot, ClipPlan plan) {
        Map<Integer, Mat> lines = new HashMap<>();
        Map<Integer, Mat> colors = new HashMap<>();
        for (int f : plan.frames()) {
            Path line = shot.lines().get(f);
            if (line != null) {
                lines.put(f, Images.read(line));
            }
        }
        for (int r : plan.references()) {
            colors.put(r, Images.read(shot.keys().get(r)));
        }
        // keyframes win: model sheets color only the clips that have no keyframe
        Map<String, Mat> sheets = new HashMap<>();
        if (plan.references().isEmpty()) {
            shot.sheets().forEach((name, path) -> sheets.put(name, Images.read(path)));
        }
        return new ClipInput(plan.drawings(), plan.references(), lines, colors, sheets);
    }

    private static void release(ClipInput input) {
        input.lineImages().values().forEach(Mat::release);
        input.referenceColors().values().forEach(Mat::release);
        input.sheets().values().forEach(Mat::release);
    }

    /** Writes the frame's layers; returns its manifest entry. */
    private static Map<String, Object> write(Path out, ColorizedFrame f) {
        String name = String.format(Locale.ROOT, "%04d.png", f.frame());
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("index", f.frame());
        frame.put("reference", f.reference());
        for (String layer : LAYERS) {
            if (layer.equals("confidence") && f.confidence() == null) {
                continue; // an engine without a confidence estimate
            }
            Mat image = switch (layer) {
                case "color" -> f.color();
                case "lines" -> f.lines();
                case "fill" -> f.fill();
                default -> f.confidence().layer();
            };
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", layer + "/" + name);
            file.put("sha256", writeOne(out, layer + "/" + name, image));
            frame.put(layer, file);
        }
        if (f.confidence() != null) {
            frame.putAll(ConfidenceJson.of(f.confidence()));
        }
        return frame;
    }

    private static String writeOne(Path out, String relative, Mat image) {
        byte[] png = Images.encodePng(image);
        Path target = out.resolve(relative);
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return sha256(png);
    }

    private Path writeManifest(Shot shot, Path out, TreeMap<Integer, Map<String, Object>> written,
                               List<Map<String, Object>> clips, Map<String, Long> timings, List<String> warnings) {
        List<Map<String, Object>> frames = new ArrayList<>(written.values());
        Map<String, Object> engineJson = new LinkedHashMap<>();
        engineJson.put("name", EngineSettings.ENGINE_NAME);
        engineJson.put("version", EngineSettings.ENGINE_VERSION);
        engineJson.put("settings", settings);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("shotId", shot.shotId());
        json.put("width", shot.width());
        json.put("height", shot.height());
        json.put("frameCount", shot.frameCount());
        json.put("fps", shot.fps());
        json.put("keyframes", shot.keyframes());
        json.put("sheets", List.copyOf(shot.sheets().keySet()));
        json.put("engine", engineJson);
        json.put("frames", frames);
        json.put("clips", clips);
        json.put("warnings", warnings);
        json.put("timingsMillis", timings);
        Path manifest = out.resolve("manifest.json");
        try {
            Files.createDirectories(out);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(manifest.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + manifest, e);
        }
        return manifest;
    }

    private static Map<String, Object> clipJson(ClipPlan plan) {
        Map<String, Object> clip = new LinkedHashMap<>();
        clip.put("index", plan.index());
        clip.put("first", plan.first());
        clip.put("last", plan.last());
        clip.put("references", plan.references());
        clip.put("drawings", plan.drawings());
        clip.put("warnings", plan.warnings());
        return clip;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
