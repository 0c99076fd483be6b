package io.anidoc.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anidoc.core.image.Images;
import io.anidoc.core.image.Pixels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;

/**
 * Frames of 64x48: four flat quadrants split by a black cross two pixels wide. Non-line pixels:
 * 64*48 - (2*48 + 2*64 - 4) = 2852; the top-left quadrant has 31*23 = 713 of them.
 */
class ShotEvaluatorTest {
    private static final int W = 64;
    private static final int H = 48;
    private static final int NON_LINE = 2852;
    private static final int TOP_LEFT = 713;
    private static final int[] QUADRANTS = {0xC04040, 0x40C040, 0x4040C0, 0xC0C040};

    @Test
    void identicalPredictionIsPerfectAndKeyframesAreNotScored(@TempDir Path dir) {
        Path gt = dir.resolve("shot");
        Path pred = dir.resolve("out");
        byte[] truth = quadrants();
        for (int t = 0; t < 3; t++) {
            write(gt.resolve("gt").resolve(name(t)), truth);
            write(pred.resolve("color").resolve(name(t)), t == 0 ? uniform(0x808080) : truth);
        }
        write(gt.resolve("keys").resolve(name(0)), truth);

        ShotReport report = ShotEvaluator.evaluate(pred, gt);

        assertThat(report.keyframes()).containsExactly(0);
        assertThat(report.frames()).extracting(FrameMetrics::index).containsExactly(1, 2);
        for (FrameMetrics f : report.frames()) {
            assertThat(f.nonLinePixelAccuracy()).isEqualTo(1.0);
            assertThat(f.regionAccuracy()).isEqualTo(1.0);
            assertThat(f.psnr()).isEqualTo(ShotEvaluator.PSNR_CAP_DB);
            assertThat(f.ssim()).isCloseTo(1.0, within(1e-9));
            assertThat(f.nonLinePixels()).isEqualTo(NON_LINE);
            assertThat(f.regions()).isEqualTo(4);
        }
        assertThat(report.meanNonLinePixelAccuracy()).isEqualTo(1.0);
        assertThat(report.meanPsnr()).isEqualTo(100.0);
        // the wrong keyframe output only shows as the flicker from frame 0 to frame 1
        assertThat(report.flickerPairs()).extracting(FlickerPair::from, FlickerPair::to, FlickerPair::flicker)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1, 1.0), org.assertj.core.groups.Tuple.tuple(1, 2, 0.0));
        assertThat(report.meanFlicker()).isEqualTo(0.5);
    }

    @Test
    void oneWrongRegionLowersAccuracyByExactlyItsShare(@TempDir Path dir) {
        Path gt = dir.resolve("shot");
        Path pred = dir.resolve("out");
        byte[] truth = quadrants();
        byte[] wrong = quadrants();
        fillRect(wrong, 0, 0, 31, 23, 0x20E0E0);
        for (int t = 0; t < 3; t++) {
            write(gt.resolve("gt").resolve(name(t)), truth);
        }
        write(gt.resolve("keys").resolve(name(0)), truth);
        write(pred.resolve("color").resolve(name(0)), truth);
        write(pred.resolve("color").resolve(name(1)), truth);
        write(pred.resolve("color").resolve(name(2)), wrong);

        ShotReport report = ShotEvaluator.evaluate(pred, gt);

        FrameMetrics second = report.frames().get(1);
        assertThat(second.nonLinePixelAccuracy()).isEqualTo(1.0 - (double) TOP_LEFT / NON_LINE);
        assertThat(second.regionAccuracy()).isEqualTo(0.75);
        assertThat(second.psnr()).isLessThan(30).isGreaterThan(5);
        assertThat(second.ssim()).isLessThan(0.95);
        assertThat(report.meanNonLinePixelAccuracy()).isCloseTo(1.0 - TOP_LEFT / 2.0 / NON_LINE, within(1e-12));
        assertThat(report.meanRegionAccuracy()).isEqualTo(0.875);
        assertThat(second.flickerFromPrevious()).isEqualTo((double) TOP_LEFT / NON_LINE);
        assertThat(report.frames().get(0).flickerFromPrevious()).isEqualTo(0.0);
        assertThat(report.confusions()).as("the top-left quadrant's color painted as the wrong one, in one frame")
                .containsExactly(new Confusion(QUADRANTS[0], 0x20E0E0, TOP_LEFT, 1));
        assertThat(report.wrongPixels()).isEqualTo(TOP_LEFT);
        assertThat(report.toTable()).contains("#c04040 as #20e0e0").contains("100.0%");
    }

    @Test
    void largestMistakesComeFirstAndAPerfectShotListsNone(@TempDir Path dir) throws IOException {
        Path gt = dir.resolve("shot");
        Path pred = dir.resolve("out");
        byte[] truth = quadrants();
        byte[] wrong = quadrants();
        fillRect(wrong, 0, 0, 31, 23, 0x20E0E0);
        fillRect(wrong, 33, 25, 10, 23, 0x000000);
        for (int t = 0; t < 3; t++) {
            write(gt.resolve("gt").resolve(name(t)), truth);
            write(pred.resolve("color").resolve(name(t)), t == 0 ? truth : wrong);
        }
        write(gt.resolve("keys").resolve(name(0)), truth);

        ShotReport report = ShotEvaluator.evaluate(pred, gt);

        assertThat(report.confusions()).containsExactly(new Confusion(QUADRANTS[0], 0x20E0E0, 2 * TOP_LEFT, 2),
                new Confusion(QUADRANTS[3], 0x000000, 2 * 10 * 23, 2));
        JsonNode first = new ObjectMapper().readTree(report.toJson()).get("largestMistakes").get(0);
        assertThat(first.get("truth").asText()).isEqualTo("#c04040");
        assertThat(first.get("painted").asText()).isEqualTo("#20e0e0");
        assertThat(first.get("pixels").asLong()).isEqualTo(2 * TOP_LEFT);

        for (int t = 0; t < 3; t++) {
            write(pred.resolve("color").resolve(name(t)), truth);
        }
        ShotReport perfect = ShotEvaluator.evaluate(pred, gt);
        assertThat(perfect.confusions()).isEmpty();
        assertThat(perfect.toTable()).doesNotContain("largest mistakes");
    }

    @Test
    void toleranceIsTenPerChannelAndPsnrFollowsTheError(@TempDir Path dir) {
        Path gt = dir.resolve("shot");
        byte[] truth = quadrants();
        write(gt.resolve("gt").resolve(name(0)), truth);
        write(dir.resolve("ten/color").resolve(name(0)), shifted(truth, 10));
        write(dir.resolve("eleven/color").resolve(name(0)), shifted(truth, 11));

        FrameMetrics ten = ShotEvaluator.evaluate(dir.resolve("ten"), gt).frames().get(0);
        FrameMetrics eleven = ShotEvaluator.evaluate(dir.resolve("eleven"), gt).frames().get(0);

        assertThat(ten.nonLinePixelAccuracy()).isEqualTo(1.0);
        assertThat(eleven.nonLinePixelAccuracy()).isEqualTo(0.0);
        // "almost" the palette color is not the region's color
        assertThat(ten.regionAccuracy()).isEqualTo(0.0);
        // every channel of every pixel is off by 10: MSE 100
        assertThat(ten.psnr()).isCloseTo(10 * Math.log10(255.0 * 255.0 / 100), within(1e-9));
    }

    @Test
    void linePixelsAreNotScored(@TempDir Path dir) {
        Path gt = dir.resolve("shot");
        byte[] truth = quadrants();
        byte[] whiteLines = quadrants();
        fillRect(whiteLines, 31, 0, 2, H, 0xFFFFFF);
        write(gt.resolve("gt").resolve(name(0)), truth);
        write(dir.resolve("out/color").resolve(name(0)), whiteLines);

        FrameMetrics f = ShotEvaluator.evaluate(dir.resolve("out"), gt).frames().get(0);
        assertThat(f.nonLinePixelAccuracy()).isEqualTo(1.0);
        assertThat(f.regionAccuracy()).isEqualTo(1.0);
        assertThat(f.psnr()).isLessThan(ShotEvaluator.PSNR_CAP_DB);
    }

    @Test
    void regionColorIsTheMostFrequentPrediction(@TempDir Path dir) {
        Path gt = dir.resolve("shot");
        write(gt.resolve("gt").resolve(name(0)), quadrants());
        byte[] pred = quadrants();
        // top-left (31x23): 13 of 23 rows keep their color: the majority is right
        fillRect(pred, 0, 0, 31, 10, 0x101010);
        // top-right: 9 rows right, 7 and 7 rows in two other colors: right by plurality
        fillRect(pred, 33, 0, 31, 7, 0x303030);
        fillRect(pred, 33, 7, 31, 7, 0x505050);
        // bottom-left (31x23): 9 rows right, 14 rows one wrong color: wrong
        fillRect(pred, 0, 25, 31, 14, 0x707070);
        write(dir.resolve("out/color").resolve(name(0)), pred);

        FrameMetrics f = ShotEvaluator.evaluate(dir.resolve("out"), gt).frames().get(0);
        assertThat(f.regionAccuracy()).isEqualTo(0.75);
    }

    @Test
    void reportsAsJsonAndTable(@TempDir Path dir) throws IOException {
        Path gt = dir.resolve("shot");
        write(gt.resolve("gt").resolve(name(0)), quadrants());
        write(gt.resolve("gt").resolve(name(1)), quadrants());
        write(gt.resolve("keys").resolve(name(0)), quadrants());
        write(dir.resolve("out/color").resolve(name(0)), quadrants());
        write(dir.resolve("out/color").resolve(name(1)), shifted(quadrants(), 20));
        ShotReport report = ShotEvaluator.evaluate(dir.resolve("out"), gt);

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.get("framesScored").asInt()).isEqualTo(1);
        assertThat(json.get("mean").get("nonLinePixelAccuracy").asDouble()).isEqualTo(0.0);
        assertThat(json.get("mean").get("psnr").asDouble()).isCloseTo(report.meanPsnr(), within(1e-12));
        assertThat(json.get("frames").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(json.get("flickerPairs").get(0).get("flicker").asDouble()).isEqualTo(1.0);

        String table = report.toTable();
        assertThat(table).contains("non-line acc").contains("0001").contains("mean").contains("0.00000");
        assertThat(table.lines().filter(l -> l.startsWith("0000"))).isEmpty();
    }

    @Test
    void badInputGetsClearErrors(@TempDir Path dir) throws IOException {
        Path gt = dir.resolve("shot");
        write(gt.resolve("gt").resolve(name(0)), quadrants());
        write(gt.resolve("gt").resolve(name(1)), quadrants());
        write(dir.resolve("out/color").resolve(name(0)), quadrants());

        assertThatThrownBy(() -> ShotEvaluator.evaluate(dir.resolve("out"), gt))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing prediction for frame 1");
        assertThatThrownBy(() -> ShotEvaluator.evaluate(dir.resolve("out"), dir.resolve("nowhere")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nowhere").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ShotEvaluator.evaluate(dir.resolve("out"), dir.resolve("out")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing folder");

        byte[] small = new byte[32 * 24 * 3];
        Images.write(dir.resolve("out/color").resolve(name(1)), Pixels.mat(32, 24, CvType.CV_8UC3, small));
        assertThatThrownBy(() -> ShotEvaluator.evaluate(dir.resolve("out"), gt))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32x24").hasMessageContaining("64x48");

        Files.writeString(gt.resolve("gt/frame-two.png"), "x");
        assertThatThrownBy(() -> ShotEvaluator.evaluate(dir.resolve("out"), gt))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame-two.png");
    }

    @Test
    void onlyKeyframesIsAnError(@TempDir Path dir) {
        Path gt = dir.resolve("shot");
        write(gt.resolve("gt").resolve(name(0)), quadrants());
        write(gt.resolve("keys").resolve(name(0)), quadrants());
        write(dir.resolve("out/color").resolve(name(0)), quadrants());
        assertThatThrownBy(() -> ShotEvaluator.evaluate(dir.resolve("out"), gt))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to score");
    }

    private static byte[] quadrants() {
        byte[] bgr = new byte[W * H * 3];
        fillRect(bgr, 0, 0, 31, 23, QUADRANTS[0]);
        fillRect(bgr, 33, 0, 31, 23, QUADRANTS[1]);
        fillRect(bgr, 0, 25, 31, 23, QUADRANTS[2]);
        fillRect(bgr, 33, 25, 31, 23, QUADRANTS[3]);
        return bgr;
    }

    private static byte[] uniform(int rgb) {
        byte[] bgr = new byte[W * H * 3];
        fillRect(bgr, 0, 0, W, H, rgb);
        return bgr;
    }

    private static byte[] shifted(byte[] bgr, int delta) {
        byte[] out = bgr.clone();
        for (int i = 0; i < out.length; i++) {
            int v = out[i] & 0xFF;
            out[i] = (byte) (v + delta <= 255 ? v + delta : v - delta);
        }
        return out;
    }

    private static void fillRect(byte[] bgr, int x0, int y0, int w, int h, int rgb) {
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int i = 3 * (y * W + x);
                bgr[i] = (byte) (rgb & 0xFF);
                bgr[i + 1] = (byte) (rgb >> 8 & 0xFF);
                bgr[i + 2] = (byte) (rgb >> 16 & 0xFF);
            }
        }
    }

    private static void write(Path path, byte[] bgr) {
        Images.write(path, Pixels.mat(W, H, CvType.CV_8UC3, bgr));
    }

    private static String name(int t) {
        return String.format("%04d.png", t);
    }

}
