package io.anidoc.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anidoc.core.image.Images;
import io.anidoc.core.image.Pixels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

class SyntheticShotGeneratorTest {
    private static final int[] TRACE_COLORS = {Palette.TRACE_RED, Palette.TRACE_BLUE, Palette.TRACE_GREEN};

    private static SynthOptions small() {
        return SynthOptions.defaults().withSize(512, 288).withFrames(6).withSeed(7);
    }

    @Test
    void sameSeedGivesSameBytesAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
        SynthOptions options = small().withLineGaps(true).withScanNoise(true);
        SyntheticShotGenerator.generate(options, dir.resolve("a"));
        SyntheticShotGenerator.generate(options, dir.resolve("b"));
        SyntheticShotGenerator.generate(options.withSeed(8), dir.resolve("c"));

        List<Path> files = relativeFiles(dir.resolve("a"));
        assertThat(files).hasSize(6 + 6 + 2 + 1).contains(Path.of("shot.json"), Path.of("line/0005.png"), Path.of("keys/0005.png"));
        assertThat(relativeFiles(dir.resolve("b"))).isEqualTo(files);
        for (Path file : files) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file))).as(file.toString())
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));
        }
        assertThat(Files.readAllBytes(dir.resolve("c/gt/0002.png"))).isNotEqualTo(Files.readAllBytes(dir.resolve("a/gt/0002.png")));
    }

    @Test
    void groundTruthAgreesWithLineArt(@TempDir Path dir) {
        SynthOptions options = small().withLineGaps(true);
        SyntheticShot shot = SyntheticShotGenerator.generate(options, dir);
        Set<Integer> palette = new HashSet<>(shot.palette());
        long solidInk = 0;
        long solidTrace = 0;
        long paper = 0;
        for (int t = 0; t < options.frames(); t++) {
            byte[] line = bgr(dir.resolve("line").resolve(SyntheticShotGenerator.frameName(t)));
            byte[] gt = bgr(dir.resolve("gt").resolve(SyntheticShotGenerator.frameName(t)));
            for (int i = 0; i < line.length / 3; i++) {
                int lineRgb = rgb(line, i);
                int gtRgb = rgb(gt, i);
                if (lineRgb == Palette.INK) {
                    solidInk++;
                    assertThat(gtRgb).as("frame %d pixel %d under a solid main line", t, i).isEqualTo(0);
                } else if (lineRgb == Palette.PAPER) {
                    paper++;
                    assertThat(palette).as("frame %d pixel %d on paper", t, i).contains(gtRgb);
                } else if (isTraceColor(lineRgb)) {
                    solidTrace++;
                    assertThat(palette).as("frame %d pixel %d under a solid trace line", t, i).contains(gtRgb);
                }
                if (isTraceish(lineRgb)) {
                    for (int trace : TRACE_COLORS) {
                        assertThat(distance(gtRgb, trace)).as("frame %d pixel %d keeps a trace color", t, i).isGreaterThan(20);
                    }
                }
            }
        }
        // the checks above must have bitten on every kind of pixel
        assertThat(solidInk).isGreaterThan(1000);
        assertThat(solidTrace).isGreaterThan(100);
        assertThat(paper).isGreaterThan(100_000);
    }

    @Test
    void everyPixelAwayFromMainLinesIsAnExactPaletteColor() {
        SynthOptions options = small();
        Set<Integer> palette = new HashSet<>(SyntheticShotGenerator.palette(options));
        assertThat(palette).doesNotContain(Palette.TRACE_RED, Palette.TRACE_BLUE, Palette.TRACE_GREEN, Palette.PAPER);
        for (int t = 0; t < options.frames(); t += 2) {
            SyntheticFrame frame = SyntheticShotGenerator.render(options, t);
            Set<Integer> seen = new HashSet<>();
            long offPalette = 0;
            for (int i = 0; i < frame.width() * frame.height(); i++) {
                int gt = rgb(frame.groundTruthBgr(), i);
                int line = rgb(frame.lineArtBgr(), i);
                boolean mainLineFree = isUnderNoMainLine(line);
                if (palette.contains(gt)) {
                    seen.add(gt);
                } else {
                    offPalette++;
                    // only antialiased main-line pixels blend colors
                    assertThat(mainLineFree).as("frame %d pixel %d has off-palette color %06X", t, i, gt).isFalse();
                }
            }
            assertThat(offPalette).isGreaterThan(0);
            assertThat(seen.size()).as("palette colors visible in frame %d", t).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void keyframesAreTheGroundTruthAtTheirIndices(@TempDir Path dir) throws IOException {
        SynthOptions options = small().withKeyframes(List.of(0, 3, 5));
        SyntheticShotGenerator.generate(options, dir);
        try (Stream<Path> keys = Files.list(dir.resolve("keys"))) {
            assertThat(keys.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("0000.png", "0003.png", "0005.png");
        }
        for (int k : options.keyframes()) {
            String name = SyntheticShotGenerator.frameName(k);
            assertThat(Files.readAllBytes(dir.resolve("keys").resolve(name))).isEqualTo(Files.readAllBytes(dir.resolve("gt").resolve(name)));
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("shot.json").toFile());
        assertThat(json.get("shotId").asText()).isEqualTo("synth-7");
        assertThat(json.get("frames").asInt()).isEqualTo(6);
        assertThat(json.get("fps").asInt()).isEqualTo(24);
        assertThat(json.get("keyframes").toString()).isEqualTo("[0,3,5]");
        assertThat(json.get("generator").get("seed").asLong()).isEqualTo(7);
    }

    @Test
    void motionMovesTheCharacterByAboutTheRequestedAmount() {
        SynthOptions moving = SynthOptions.defaults();
        int hair = hairColor(moving);
        int last = moving.frames() - 1;
        double[] first = centroid(SyntheticShotGenerator.render(moving, 0), hair);
        double[] end = centroid(SyntheticShotGenerator.render(moving, last), hair);
        // sway and head tilt add a few pixels either way; the walk dominates over the shot
        double travel = Math.hypot(end[0] - first[0], end[1] - first[1]);
        assertThat(travel).isBetween(0.6 * last * SynthOptions.MODERATE_MOTION, 1.5 * last * SynthOptions.MODERATE_MOTION);
        for (int t = 0; t < 3; t++) {
            assertThat(changedShare(SyntheticShotGenerator.render(moving, t), SyntheticShotGenerator.render(moving, t + 1)))
                    .as("pixels changed from frame %d to %d", t, t + 1).isGreaterThan(0.01);
        }

        SynthOptions still = moving.withMotion(0);
        assertThat(SyntheticShotGenerator.render(still, 3).groundTruthBgr())
                .isEqualTo(SyntheticShotGenerator.render(still, 0).groundTruthBgr());
    }

    @Test
    void scanNoiseChangesOnlyTheLineArt() {
        SynthOptions clean = small();
        SyntheticFrame a = SyntheticShotGenerator.render(clean, 2);
        SyntheticFrame b = SyntheticShotGenerator.render(clean.withScanNoise(true), 2);
        assertThat(b.groundTruthBgr()).isEqualTo(a.groundTruthBgr());
        assertThat(changedShare(a, b)).isEqualTo(0.0);
        long greyInk = 0;
        long offWhite = 0;
        for (int i = 0; i < a.width() * a.height(); i++) {
            int clean0 = rgb(a.lineArtBgr(), i);
            int noisy = rgb(b.lineArtBgr(), i);
            if (clean0 == Palette.INK && noisy != Palette.INK) {
                greyInk++;
            }
            if (clean0 == Palette.PAPER && noisy != Palette.PAPER) {
                offWhite++;
            }
        }
        assertThat(greyInk).isGreaterThan(500);
        assertThat(offWhite).isGreaterThan(a.width() * a.height() / 2);
    }

    @Test
    void lineGapsBreakOutlinesAndTheGroundTruthFollows() {
        SynthOptions options = small();
        SyntheticFrame whole = SyntheticShotGenerator.render(options, 1);
        SyntheticFrame broken = SyntheticShotGenerator.render(options.withLineGaps(true), 1);
        long lost = 0;
        for (int i = 0; i < whole.width() * whole.height(); i++) {
            if (rgb(whole.lineArtBgr(), i) == Palette.INK && rgb(broken.lineArtBgr(), i) == Palette.PAPER) {
                lost++;
                assertThat(rgb(broken.groundTruthBgr(), i)).isNotEqualTo(0);
            }
        }
        assertThat(lost).isGreaterThan(20);
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> SynthOptions.defaults().withKeyframes(List.of(0, 16)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyframe 16");
        assertThatThrownBy(() -> SynthOptions.defaults().withSize(10, 576))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64x64");
        assertThatThrownBy(() -> SynthOptions.defaults().withMotion(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("motion");
        assertThatThrownBy(() -> SyntheticShotGenerator.render(SynthOptions.defaults(), 16))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 16");
    }

    private static int hairColor(SynthOptions options) {
        // palette order: skin, skin shadow, hair, ...
        return SyntheticShotGenerator.palette(options).get(2);
    }

    private static double[] centroid(SyntheticFrame frame, int color) {
        double sx = 0;
        double sy = 0;
        long n = 0;
        for (int i = 0; i < frame.width() * frame.height(); i++) {
            if (rgb(frame.groundTruthBgr(), i) == color) {
                sx += i % frame.width();
                sy += i / frame.width();
                n++;
            }
        }
        assertThat(n).isGreaterThan(500);
        return new double[]{sx / n, sy / n};
    }

    private static double changedShare(SyntheticFrame a, SyntheticFrame b) {
        long changed = 0;
        for (int i = 0; i < a.width() * a.height(); i++) {
            if (rgb(a.groundTruthBgr(), i) != rgb(b.groundTruthBgr(), i)) {
                changed++;
            }
        }
        return (double) changed / (a.width() * a.height());
    }

    /** Clean line art is white only where no main line covers the pixel, or a pure trace color there. */
    private static boolean isUnderNoMainLine(int lineRgb) {
        return lineRgb == Palette.PAPER || isTraceColor(lineRgb);
    }

    private static boolean isTraceColor(int rgb) {
        for (int trace : TRACE_COLORS) {
            if (rgb == trace) {
                return true;
            }
        }
        return false;
    }

    /** Clearly colored line-art pixels: a trace line, possibly antialiased against paper. */
    private static boolean isTraceish(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80;
    }

    private static int distance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs((a >> shift & 0xFF) - (b >> shift & 0xFF)));
        }
        return d;
    }

    private static int rgb(byte[] bgr, int i) {
        return (bgr[3 * i + 2] & 0xFF) << 16 | (bgr[3 * i + 1] & 0xFF) << 8 | (bgr[3 * i] & 0xFF);
    }

    private static byte[] bgr(Path png) {
        Mat mat = Images.read(png);
        assertThat(mat.channels()).isEqualTo(3);
        return Pixels.bytes(mat);
    }

    private static List<Path> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
