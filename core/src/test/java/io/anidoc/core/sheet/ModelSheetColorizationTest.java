package io.anidoc.core.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;

import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.image.Images;
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
        // the background is on no sheet: left paper, and flagged for the painter with confidence 0
        Mat confidence = Images.read(out.resolve("confidence/0000.png"));
        Mat color = Images.read(out.resolve("color/0000.png"));
        try {
            assertThat(confidence.get(3, 3)[0]).isZero();
            assertThat(color.get(3, 3)).containsExactly(255, 255, 255);
        } finally {
            confidence.release();
            color.release();
        }
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

    private static Set<Integer> sheetColors(Path sheet) {
        Set<Integer> colors = ShotEvaluator.paintedColors(sheet, 50);
        assertThat(colors).hasSizeGreaterThanOrEqualTo(8);
        return colors;
    }
}
