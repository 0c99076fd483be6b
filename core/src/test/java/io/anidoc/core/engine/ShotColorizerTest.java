package io.anidoc.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import io.anidoc.core.image.Images;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.metrics.ShotEvaluator;
import io.anidoc.core.pipeline.Sha256;
import io.anidoc.core.shot.Shot;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;

class ShotColorizerTest {

    private static Path smallShot(Path dir, List<Integer> keys) {
        SynthOptions options = SynthOptions.defaults().withSize(384, 216).withFrames(6).withSeed(5).withKeyframes(keys);
        SyntheticShotGenerator.generate(options, dir);
        return dir;
    }

    @Test
    void writesEveryLayerAndAManifestWithHashes(@TempDir Path tmp) throws Exception {
        Path shotDir = smallShot(tmp.resolve("shot"), List.of(0, 5));
        Path out = tmp.resolve("out");
        ShotResult result = new ShotColorizer(EngineSettings.defaults()).colorize(ShotFolder.read(shotDir), out);

        assertThat(result.frames()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(result.timingsMillis()).containsKeys("normalize", "match", "track", "colorize", "write");
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("engine").asText()).isEqualTo(EngineSettings.ENGINE_NAME);
        assertThat(manifest.get("settings").get("flow").get("scale").asDouble()).isEqualTo(0.5);
        assertThat(manifest.get("frameCount").asInt()).isEqualTo(6);
        assertThat(manifest.get("clips")).hasSize(1);
        assertThat(manifest.get("clips").get(0).get("clipId").asText()).isEqualTo(ShotManifest.clipId(manifest.get("shotId").asText(), 0));
        assertThat(manifest.get("clips").get(0).get("frames")).hasSize(6);
        assertThat(manifest.get("frames")).hasSize(6);
        for (JsonNode frame : manifest.get("frames")) {
            for (String layer : List.of("color", "lines", "fill")) {
                Path file = out.resolve(frame.get(layer).get("path").asText());
                assertThat(file).exists();
                assertThat(Sha256.hex(Files.readAllBytes(file))).isEqualTo(frame.get(layer).get("sha256").asText());
            }
        }
        Mat lines = Images.read(out.resolve("lines/0002.png"));
        assertThat(lines.type()).isEqualTo(CvType.CV_8UC4);
        assertThat(Images.read(out.resolve("color/0002.png")).size()).isEqualTo(lines.size());
        assertThat(Pixels.bytes(Images.read(out.resolve("color/0005.png"))))
                .as("keyframes pass through").isEqualTo(Pixels.bytes(Images.read(shotDir.resolve("keys/0005.png"))));
        assertThat(ShotEvaluator.evaluate(out, shotDir).meanNonLinePixelAccuracy()).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void sameShotGivesTheSameBytes(@TempDir Path tmp) throws Exception {
        Shot shot = ShotFolder.read(smallShot(tmp.resolve("shot"), List.of(0, 5)));
        ShotColorizer colorizer = new ShotColorizer(EngineSettings.defaults());
        colorizer.colorize(shot, tmp.resolve("a"));
        colorizer.colorize(shot, tmp.resolve("b"));
        for (String layer : List.of("color", "lines", "fill")) {
            for (int f = 0; f < 6; f++) {
                String name = layer + "/000" + f + ".png";
                assertThat(Files.readAllBytes(tmp.resolve("b").resolve(name)))
                        .as(name).isEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(name)));
            }
        }
    }

    @Test
    void keyframesWithoutLineArtAndDrawingsBeforeTheFirstKeyAreHandled(@TempDir Path tmp) throws Exception {
        Path shotDir = smallShot(tmp.resolve("shot"), List.of(2));
        Files.delete(shotDir.resolve("line/0002.png"));
        Path out = tmp.resolve("out");
        ShotResult result = new ShotColorizer(EngineSettings.defaults()).colorize(ShotFolder.read(shotDir), out);
        assertThat(result.frames()).containsExactly(0, 1, 2, 3, 4, 5);
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("clips")).hasSize(2);
        assertThat(manifest.get("frames").get(2).get("reference").asBoolean()).isTrue();
        assertThat(ShotEvaluator.evaluate(out, shotDir).meanNonLinePixelAccuracy()).isGreaterThanOrEqualTo(0.95);
    }
}
