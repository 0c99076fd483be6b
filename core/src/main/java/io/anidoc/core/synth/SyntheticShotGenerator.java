package io.anidoc.core.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.anidoc.core.image.Images;
import io.anidoc.core.image.Pixels;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Generates cel-style shots with exact ground truth: flat palette fills, antialiased black
 * outlines of varying width, colored trace lines bordering shadow and highlight regions, motion,
 * occlusion and, optionally, scan noise and line gaps. The line art and the colored frame of a
 * drawing are composed from the same rendered layers, so they agree pixel for pixel.
 *
 * <p>Output folder: {@code line/NNNN.png} (every frame), {@code keys/NNNN.png} (the keyframes),
 * {@code gt/NNNN.png} (every frame) and {@code shot.json}. PNGs already in those three folders are
 * removed first so that a folder never mixes two shots.
 */
public final class SyntheticShotGenerator {
    public static final int FPS = 24;

    private SyntheticShotGenerator() {
    }

    public static SyntheticShot generate(SynthOptions options, Path dir) {
        Path line = dir.resolve("line");
        Path keys = dir.resolve("keys");
        Path gt = dir.resolve("gt");
        try {
            for (Path sub : List.of(line, keys, gt)) {
                Files.createDirectories(sub);
                removePngs(sub);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare shot folder " + dir, e);
        }
        CelScene scene = new CelScene(options);
        // frames are independent (the scene is immutable, every frame has its own random streams)
        IntStream.range(0, options.frames()).parallel().forEach(t -> {
            SyntheticFrame frame = render(scene, options, t);
            String name = frameName(t);
            write(line.resolve(name), frame, frame.lineArtBgr());
            write(gt.resolve(name), frame, frame.groundTruthBgr());
            if (options.keyframes().contains(t)) {
                write(keys.resolve(name), frame, frame.groundTruthBgr());
            }
        });
        List<Integer> palette = scene.palette();
        writeShotJson(dir.resolve("shot.json"), options, palette);
        return new SyntheticShot(dir, options, palette);
    }

    /** Scale of the generated model sheet against the character's size in the shot: another scale than the shot's. */
    public static final double SHEET_SCALE = 0.75;
    /** Name of the generated model sheet: {@code refs/model.png}. */
    public static final String SHEET_NAME = "model";

    /**
     * Writes the shot's model sheet to {@code dir/refs/model.png}: the character alone, in another pose
     * and at {@link #SHEET_SCALE} of its size in the shot, with its ball beside it, colored with the
     * shot's palette on white paper; its size has nothing to do with the frame size.
     */
    public static Path writeModelSheet(SynthOptions options, Path dir) {
        CelScene scene = new CelScene(options);
        FrameLayers layers = new FrameLayers(scene.sheetWidth(SHEET_SCALE), scene.sheetHeight(SHEET_SCALE), Palette.PAPER);
        for (DrawItem item : scene.sheet(SHEET_SCALE)) {
            layers.paint(item, null);
        }
        Path sheet = dir.resolve("refs").resolve(SHEET_NAME + ".png");
        Mat mat = Pixels.mat(layers.width, layers.height, CvType.CV_8UC3, layers.groundTruthBgr());
        try {
            Files.createDirectories(sheet.getParent());
            Images.write(sheet, mat);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + sheet, e);
        } finally {
            mat.release();
        }
        return sheet;
    }

    /** Renders one drawing in memory. */
    public static SyntheticFrame render(SynthOptions options, int index) {
        if (index < 0 || index >= options.frames()) {
            throw new IllegalArgumentException("frame " + index + " is outside the shot (frames 0.." + (options.frames() - 1) + ")");
        }
        return render(new CelScene(options), options, index);
    }

    /** The palette (0xRRGGBB) the shot with these options is painted with. */
    public static List<Integer> palette(SynthOptions options) {
        return new CelScene(options).palette();
    }

    /** File name of frame {@code index}: four digits, zero padded. */
    public static String frameName(int index) {
        return String.format(Locale.ROOT, "%04d.png", index);
    }

    /** The shot id written to shot.json. */
    public static String shotId(SynthOptions options) {
        return "synth-" + options.seed();
    }

    private static SyntheticFrame render(CelScene scene, SynthOptions options, int t) {
        FrameLayers layers = new FrameLayers(options.width(), options.height(), 0xFFFFFF);
        // independent streams per frame and purpose: changing one option never reshuffles the others
        SplittableRandom gaps = options.lineGaps() ? new SplittableRandom(mix(options.seed(), t, 1)) : null;
        for (DrawItem item : scene.frame(t)) {
            layers.paint(item, gaps);
        }
        byte[] lineArt = options.scanNoise()
                ? ScanNoise.lineArtBgr(layers, new SplittableRandom(mix(options.seed(), t, 2)))
                : layers.lineArtBgr();
        return new SyntheticFrame(t, options.width(), options.height(), lineArt, layers.groundTruthBgr());
    }

    private static long mix(long seed, int frame, int purpose) {
        return seed * 0x9E3779B97F4A7C15L + frame * 0xBF58476D1CE4E5B9L + purpose * 0x94D049BB133111EBL;
    }

    private static void write(Path path, SyntheticFrame frame, byte[] bgr) {
        Mat mat = Pixels.mat(frame.width(), frame.height(), CvType.CV_8UC3, bgr);
        try {
            Images.write(path, mat);
        } finally {
            mat.release();
        }
    }

    private static void removePngs(Path folder) throws IOException {
        try (DirectoryStream<Path> pngs = Files.newDirectoryStream(folder, "*.png")) {
            for (Path png : pngs) {
                Files.delete(png);
            }
        }
    }

    private static void writeShotJson(Path path, SynthOptions options, List<Integer> palette) {
        Map<String, Object> generator = new LinkedHashMap<>();
        generator.put("name", "anidoc-synth");
        generator.put("version", 1);
        generator.put("seed", options.seed());
        generator.put("motion", options.motion());
        generator.put("traceLines", options.traceLines());
        generator.put("scanNoise", options.scanNoise());
        generator.put("lineGaps", options.lineGaps());
        generator.put("occlusion", options.occlusion());
        List<String> colors = new ArrayList<>();
        for (int rgb : palette) {
            colors.add(String.format(Locale.ROOT, "#%06X", rgb));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("shotId", shotId(options));
        json.put("fps", FPS);
        json.put("width", options.width());
        json.put("height", options.height());
        json.put("frames", options.frames());
        json.put("keyframes", options.keyframes());
        json.put("palette", colors);
        json.put("generator", generator);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(path.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
