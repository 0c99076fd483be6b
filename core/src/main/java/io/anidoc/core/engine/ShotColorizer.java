package io.anidoc.core.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.opencv.core.Mat;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.colorize.ColorizedFrame;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.image.Images;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.pipeline.Sha256;
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
        List<ShotManifest.Clip> clips = new ArrayList<>();
        for (ClipPlan plan : plans) {
            warnings.addAll(plan.warnings());
            Map<String, Long> before = new LinkedHashMap<>(timings.wallMillis());
            ClipInput input = load(shot, plan);
            ClipFrames frames = timings.timed("normalize", () -> engine.prepare(input));
            release(input);
            ClipMatches matches = timings.timed("match", () -> engine.match(frames));
            DenseCorrespondence dense = timings.timed("track", () -> engine.track(frames, matches));
            // each frame is written and let go as soon as it is finished: one frame's layers held at a
            // time, not the clip's (the write's time is its own stage's, not the colorizer's)
            timings.timed("colorize", () -> {
                engine.colorize(frames, matches, dense, f -> timings.timed("write", () -> {
                    try {
                        if (!written.containsKey(f.frame())) {
                            written.put(f.frame(), write(out, f));
                        }
                    } finally {
                        f.release();
                    }
                    return null;
                }));
                return null;
            });
            clips.add(clip(shot, plan, since(before, timings.wallMillis())));
        }
        // keyframes outside every clip (e.g. a shot of keyframes only) pass through as well, each a
        // clip of its own as in the pipeline
        for (int k : shot.keyframes()) {
            if (!written.containsKey(k)) {
                Map<String, Long> before = new LinkedHashMap<>(timings.wallMillis());
                ClipPlan plan = new ClipPlan(clips.size(), k, k, List.of(), List.of(k), List.of());
                ClipInput input = load(shot, plan);
                ClipFrames frames = timings.timed("normalize", () -> engine.prepare(input));
                release(input);
                List<ColorizedFrame> result = timings.timed("colorize", () -> engine.colorize(frames, null, null));
                timings.timed("write", () -> {
                    for (ColorizedFrame f : result) {
                        written.put(f.frame(), write(out, f));
                        f.release();
                    }
                    return null;
                });
                clips.add(clip(shot, plan, since(before, timings.wallMillis())));
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
        Map<String, String> hashes = new LinkedHashMap<>();
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
            hashes.put(layer, writeOne(out, layer + "/" + name, image));
        }
        return ShotManifest.frame(f.frame(), f.reference(), hashes,
                f.confidence() == null ? Map.of() : ConfidenceJson.of(f.confidence()));
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
        return Sha256.hex(png);
    }

    @SuppressWarnings("unchecked")
    private Path writeManifest(Shot shot, Path out, TreeMap<Integer, Map<String, Object>> written,
                               List<ShotManifest.Clip> clips, Map<String, Long> timings, List<String> warnings) {
        Map<String, Object> settingsJson = new ObjectMapper().convertValue(settings, LinkedHashMap.class);
        ShotManifest manifest = new ShotManifest(shot.shotId(), shot.width(), shot.height(), shot.keyframes(),
                List.copyOf(shot.sheets().keySet()),
                EngineSettings.ENGINE_NAME, settingsJson, new ArrayList<>(written.values()), clips, warnings, timings);
        Path file = out.resolve(ShotManifest.FILE_NAME);
        try {
            Files.createDirectories(out);
            Files.write(file, manifest.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static ShotManifest.Clip clip(Shot shot, ClipPlan plan, Map<String, Long> stageMillis) {
        return new ShotManifest.Clip(ShotManifest.clipId(shot.shotId(), plan.index()), plan.index(), plan.first(), plan.last(),
                plan.references(), plan.frames(), EngineSettings.ENGINE_NAME, plan.warnings(), stageMillis);
    }

    /** Per stage, the time spent since {@code before} was taken; stages without time left out. */
    private static Map<String, Long> since(Map<String, Long> before, Map<String, Long> now) {
        Map<String, Long> spent = new LinkedHashMap<>();
        now.forEach((stage, ms) -> {
            long delta = ms - before.getOrDefault(stage, 0L);
            if (delta > 0) {
                spent.put(stage, delta);
            }
        });
        return spent;
    }
}
