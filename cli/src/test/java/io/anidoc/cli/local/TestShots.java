package io.anidoc.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.shot.Shot;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;

/** Small generated shots, their direct (one-process) colorization, and comparisons of delivered frames. */
final class TestShots {

    private TestShots() {
    }

    /** A clean synthetic shot (moderate motion, trace lines, occlusion) in {@code dir}; its id is {@code synth-<seed>}. */
    static Shot generate(Path dir, long seed, int width, int height, int frames, List<Integer> keys) {
        SynthOptions options = new SynthOptions(width, height, frames, seed, SynthOptions.MODERATE_MOTION, true, false,
                false, true, keys);
        SyntheticShotGenerator.generate(options, dir);
        return ShotFolder.read(dir);
    }

    /** The one-process run the pipeline must equal. */
    static Path direct(Shot shot, Path out) {
        new ShotColorizer(EngineSettings.defaults()).colorize(shot, out);
        return out;
    }

    /** SHA-256 of every PNG under color/, lines/, fill/ and confidence/ (when present), by relative path. */
    static Map<String, String> frameHashes(Path outDir) {
        return DeliveredFrames.hashes(outDir);
    }

    /** Every frame of the shot in every layer, each byte for byte what the direct run wrote. */
    static void assertSameFrames(Path delivered, Path direct, int frameCount) {
        Map<String, String> expected = frameHashes(direct);
        // the CPU engine's direct run writes a confidence layer too: the pipeline must deliver the same bytes
        assertThat(expected).hasSize(4 * frameCount);
        for (int t = 0; t < frameCount; t++) {
            String name = String.format(Locale.ROOT, "%04d.png", t);
            for (String layer : LocalColorizer.LAYERS) {
                assertThat(expected).containsKey(layer + "/" + name);
            }
            assertThat(expected).containsKey(LocalColorizer.CONFIDENCE + "/" + name);
        }
        assertThat(frameHashes(delivered)).as("frames delivered to %s", delivered).isEqualTo(expected);
    }

    static String sha256(byte[] bytes) {
        return DeliveredFrames.sha256(bytes);
    }
}
