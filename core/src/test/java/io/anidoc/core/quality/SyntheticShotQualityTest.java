package io.anidoc.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.metrics.ShotEvaluator;
import io.anidoc.core.metrics.ShotReport;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality bar of the CPU engine on generated shots: 16 drawings at 1024x576, moderate motion,
 * trace lines and an occluding object, clean scans; and a large-motion family with an object that
 * enters mid-shot.
 */
class SyntheticShotQualityTest {

    @ParameterizedTest(name = "seed {0}, keyframes 0 and 15")
    @ValueSource(longs = {1, 2})
    void firstAndLastKeyframesGiveNearPerfectFrames(long seed, @TempDir Path dir) {
        ShotReport report = colorizeAndScore(SynthOptions.defaults().withSeed(seed), dir);
        assertThat(report.frames()).hasSize(14);
        assertThat(report.meanNonLinePixelAccuracy()).isGreaterThanOrEqualTo(0.999);
    }

    /**
     * Large motion (parts move up to about 30 pixels per drawing) and a prop that drops in a third
     * into the shot: absent from the first keyframe, shown by the last.
     */
    @ParameterizedTest(name = "seed {0}, large motion, an object enters, keyframes 0 and 15")
    @ValueSource(longs = {1, 2})
    void largeMotionAndAnEnteringObjectFromBothKeyframes(long seed, @TempDir Path dir) {
        SynthOptions options = SynthOptions.defaults().withSeed(seed).withMotion(SynthOptions.LARGE_MOTION)
                .withEntering(true);
        ShotReport report = colorizeAndScore(options, dir);
        assertThat(report.frames()).hasSize(14);
        assertThat(report.meanNonLinePixelAccuracy()).isGreaterThanOrEqualTo(0.98);
    }

    @ParameterizedTest(name = "seed {0}, keyframe 0 only")
    @ValueSource(longs = {1, 2})
    void firstKeyframeAloneStillColorsTheShot(long seed, @TempDir Path dir) {
        ShotReport report = colorizeAndScore(SynthOptions.defaults().withSeed(seed).withKeyframes(List.of(0)), dir);
        assertThat(report.frames()).hasSize(15);
        assertThat(report.meanNonLinePixelAccuracy()).isGreaterThanOrEqualTo(0.999);
    }

    private static ShotReport colorizeAndScore(SynthOptions options, Path dir) {
        Path shot = dir.resolve("shot");
        Path out = dir.resolve("out");
        SyntheticShotGenerator.generate(options, shot);
        new ShotColorizer(EngineSettings.defaults()).colorize(ShotFolder.read(shot), out);
        ShotReport report = ShotEvaluator.evaluate(out, shot);
        System.out.printf("seed %d keyframes %s: non-line pixel accuracy %.5f, region accuracy %.4f, flicker %.5f%n",
                options.seed(), options.keyframes(), report.meanNonLinePixelAccuracy(), report.meanRegionAccuracy(),
                report.meanFlicker());
        return report;
    }
}
