package io.anidoc.core.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;

import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.image.Images;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.metrics.ShotEvaluator;
import io.anidoc.core.shot.Shot;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;

/**
 * Generated shots colored from their model sheet alone (no keyframe): the character in another
 * pose and at another scale on a sheet of its own size. The sheet shows the character's colors, not
 * the background's, so accuracy is counted over the regions painted with a color the sheet shows.
 */
class ModelSheetColorizationTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void colorsTheCharacterFromItsModelSheetAlone(long seed) throws IOException {
        SynthOptions options = SynthOptions.defaults().withSize(768, 432).withFrames(10).withSeed(seed);
        Path dir = tmp.resolve("shot");
        SyntheticShotGenerator.generate(options, dir);
        Path sheet = SyntheticShotGenerator.writeModelSheet(options, dir);
        try (var keys = Files.list(dir.resolve("keys"))) {
            for (Path key : keys.toList()) {
                Files.delete(key);
            }
        }
        Files.delete(dir.resolve("keys"));
        Shot shot = ShotFolder.read(dir);
        assertThat(shot.keyframes()).isEmpty();
        assertThat(shot.sheets()).containsOnlyKeys(SyntheticShotGenerator.SHEET_NAME);

        Path out = tmp.resolve("out");
        new ShotColorizer(EngineSettings.defaults()).colorize(shot, out);

        double accuracy = ShotEvaluator.regionAccuracy(out, dir, sheetColors(sheet));
        assertThat(accuracy).isGreaterThanOrEqualTo(0.9);
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"sheets\" : [ \"model\" ]");
    }

    @org.junit.jupiter.api.Test
    void sheetIsNotAFrameOfTheShot() {
        SynthOptions options = SynthOptions.defaults().withSize(768, 432);
        Path sheet = SyntheticShotGenerator.writeModelSheet(options, tmp);
        Mat image = Images.read(sheet);
        try {
            // another size than the frames, and the character smaller than in the shot
            assertThat(image.cols()).isNotEqualTo(options.width());
            assertThat(image.rows()).isLessThan(options.height());
        } finally {
            image.release();
        }
    }

    /** Exact colors covering at least 50 pixels of the sheet, paper and ink excluded. */
    private static Set<Integer> sheetColors(Path sheet) {
        Mat image = Images.read(sheet);
        byte[] px = Pixels.bytes(image);
        image.release();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < px.length; i += 3) {
            counts.merge(((px[i + 2] & 0xff) << 16) | ((px[i + 1] & 0xff) << 8) | (px[i] & 0xff), 1, Integer::sum);
        }
        Set<Integer> colors = new HashSet<>();
        counts.forEach((rgb, n) -> {
            if (n >= 50 && rgb != 0xFFFFFF && rgb != 0) {
                colors.add(rgb);
            }
        });
        assertThat(colors).hasSizeGreaterThanOrEqualTo(8);
        return colors;
    }
}
