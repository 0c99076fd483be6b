package io.anidoc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.anidoc.core.image.Images;
import io.anidoc.core.image.Pixels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

class SynthEvalTest {

    @Test
    void evalOfAPerturbedPredictionPrintsItsAccuracy(@TempDir Path dir) throws IOException {
        Path shot = dir.resolve("shot");
        CliRun synth = CliRun.of("synth", "--out", shot.toString(), "--width", "320", "--height", "180",
                "--frames", "4", "--seed", "3", "--keys", "0,3", "--motion", "6");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(synth.out()).contains("4 frames 320x180");
        assertThat(Files.list(shot.resolve("line")).count()).isEqualTo(4);

        // the prediction is the ground truth with the background color replaced in frames 1 and 2
        Path pred = dir.resolve("out");
        double[] expected = new double[4];
        for (int t = 0; t < 4; t++) {
            String name = String.format(Locale.ROOT, "%04d.png", t);
            Mat gt = Images.read(shot.resolve("gt").resolve(name));
            byte[] bgr = Pixels.bytes(gt);
            if (t == 1 || t == 2) {
                expected[t] = repaintBackground(bgr);
            }
            Images.write(pred.resolve("color").resolve(name), Pixels.mat(gt.cols(), gt.rows(), CvType.CV_8UC3, bgr));
        }
        double mean = (expected[1] + expected[2]) / 2;
        assertThat(mean).isBetween(0.05, 0.95);

        Path json = dir.resolve("report.json");
        CliRun eval = CliRun.of("eval", "--pred", pred.toString(), "--gt", shot.toString(), "--json", json.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out())
                .contains(String.format(Locale.ROOT, "non-line pixel accuracy: %.5f", mean))
                .contains(String.format(Locale.ROOT, "%-6s %12.5f", "0001", expected[1]))
                .contains(String.format(Locale.ROOT, "%-6s %12.5f", "0002", expected[2]));
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.get("mean").get("nonLinePixelAccuracy").asDouble()).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(report.get("framesScored").asInt()).isEqualTo(2);
        // the largest mistake: the background's color painted as its inverse, in both scored frames
        byte[] first = Pixels.bytes(Images.read(shot.resolve("gt").resolve("0001.png")));
        int background = (first[2] & 0xFF) << 16 | (first[1] & 0xFF) << 8 | (first[0] & 0xFF);
        JsonNode largest = report.get("largestMistakes").get(0);
        assertThat(largest.get("truth").asText()).isEqualTo(String.format(Locale.ROOT, "#%06x", background));
        assertThat(largest.get("painted").asText()).isEqualTo(String.format(Locale.ROOT, "#%06x", 0xFFFFFF - background));
        assertThat(largest.get("frames").asInt()).isEqualTo(2);
        assertThat(eval.out()).contains("largest mistakes");
    }

    /** Replaces every pixel of the top-left pixel's color; returns the share of non-line pixels still right. */
    private static double repaintBackground(byte[] bgr) {
        int b0 = bgr[0] & 0xFF;
        int g0 = bgr[1] & 0xFF;
        int r0 = bgr[2] & 0xFF;
        long nonLine = 0;
        long repainted = 0;
        for (int i = 0; i < bgr.length; i += 3) {
            int b = bgr[i] & 0xFF;
            int g = bgr[i + 1] & 0xFF;
            int r = bgr[i + 2] & 0xFF;
            if (Math.max(b, Math.max(g, r)) >= 30) {
                nonLine++;
            }
            if (b == b0 && g == g0 && r == r0) {
                repainted++;
                bgr[i] = (byte) (255 - b);
                bgr[i + 1] = (byte) (255 - g);
                bgr[i + 2] = (byte) (255 - r);
            }
        }
        return 1.0 - (double) repainted / nonLine;
    }
}
