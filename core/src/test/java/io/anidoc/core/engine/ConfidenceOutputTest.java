package io.anidoc.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

import io.anidoc.core.colorize.FrameConfidence;
import io.anidoc.core.image.Images;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.metrics.ConfidenceCheck;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;

/** The confidence layer and the manifest's uncertain regions, on a generated shot the engine gets partly wrong. */
class ConfidenceOutputTest {

    @Test
    void wrongPixelsAreLessConfidentThanRightOnesAndTheManifestListsUncertainRegions(@TempDir Path dir) throws Exception {
        // large motion from the first keyframe only, at a small size: enough mistakes to measure
        SynthOptions options = SynthOptions.defaults().withSize(512, 288).withMotion(SynthOptions.LARGE_MOTION)
                .withEntering(true).withKeyframes(List.of(0));
        Path shot = dir.resolve("shot");
        Path out = dir.resolve("out");
        SyntheticShotGenerator.generate(options, shot);
        new ShotColorizer(EngineSettings.defaults()).colorize(ShotFolder.read(shot), out);

        double[] sums = new double[2];
        long[] counts = new long[2];
        for (int f = 1; f < options.frames(); f++) {
            String name = String.format("%04d.png", f);
            byte[] truth = Pixels.bytes(Images.read(shot.resolve("gt").resolve(name)));
            byte[] pred = Pixels.bytes(Images.read(out.resolve("color").resolve(name)));
            Mat layer = Images.read(out.resolve("confidence").resolve(name));
            assertThat(layer.channels()).isEqualTo(1);
            byte[] conf = Pixels.bytes(layer);
            for (int i = 0; i < conf.length; i++) {
                int wrong = 0;
                for (int c = 0; c < 3; c++) {
                    wrong |= Math.abs((truth[3 * i + c] & 0xff) - (pred[3 * i + c] & 0xff)) > 10 ? 1 : 0;
                }
                sums[wrong] += conf[i] & 0xff;
                counts[wrong]++;
            }
        }
        assertThat(counts[1]).as("the engine makes mistakes on this shot").isPositive();
        assertThat(sums[1] / counts[1]).as("mean confidence of wrong pixels")
                .isLessThan(sums[0] / counts[0] - 5);

        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        boolean anyUncertain = false;
        for (JsonNode frame : manifest.get("frames")) {
            assertThat(frame.get("confidence").get("path").asText()).startsWith("confidence/");
            double share = frame.get("uncertainShare").asDouble();
            assertThat(share).isBetween(0.0, 1.0);
            if (frame.get("reference").asBoolean()) {
                assertThat(share).isZero();
                assertThat(frame.get("uncertainRegions")).isEmpty();
            }
            for (JsonNode region : frame.get("uncertainRegions")) {
                anyUncertain = true;
                assertThat(region.get("confidence").asInt()).isLessThan(FrameConfidence.UNCERTAIN_BELOW);
                assertThat(region.get("color").asText()).matches("#[0-9a-f]{6}");
                assertThat(region.get("area").asInt()).isPositive();
            }
        }
        assertThat(anyUncertain).isTrue();
        ConfidenceCheck check = ConfidenceCheck.of(out, shot);
        System.out.println(check.summary());
        assertThat(check.caught()).as("mistakes in flagged regions").isPositive();
    }
}
