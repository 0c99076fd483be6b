package io.anidoc.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.commons.io.FileUtils;

import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShot;
import io.anidoc.core.synth.SyntheticShotGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "synth", mixinStandardHelpOptions = true,
        header = "Generate a synthetic cel-style shot with ground truth.",
        description = "Writes DIR/line/NNNN.png (line art of every frame), DIR/keys/NNNN.png (the colored "
                + "keyframes), DIR/gt/NNNN.png (the exact colored frame of every frame) and DIR/shot.json. "
                + "The same options give the same files.")
final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Shot folder to write.")
    Path out;

    @Option(names = "--width", defaultValue = "1024", description = "Frame width (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "576", description = "Frame height (default ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--frames", defaultValue = "16", description = "Number of drawings (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same files (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--keys", split = ",", paramLabel = "I,J", description = "Keyframe indices (default: the first and the last frame).")
    List<Integer> keys;

    @Option(names = "--motion", defaultValue = "moderate", converter = MotionConverter.class,
            description = "still, slow, moderate, fast or pixels per frame (default ${DEFAULT-VALUE}).")
    double motion;

    @Option(names = "--noise", description = "Scan noise in the line art: paper texture, grey ink, speckles.")
    boolean noise;

    @Option(names = "--gaps", description = "Small breaks in the outlines.")
    boolean gaps;

    @Option(names = "--trace-lines", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Colored trace lines around shadow and highlight regions (default on).")
    boolean traceLines;

    @Option(names = "--occlusion", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "An object passing in front of the character (default on).")
    boolean occlusion;

    @Option(names = "--model-sheet", description = "Also write the character's model sheet to refs/model.png"
            + " (another pose, another scale, on paper).")
    boolean modelSheet;

    @Option(names = "--sheet-only", description = "Write the model sheet and no keyframe: a shot to color from its sheet alone.")
    boolean sheetOnly;

    @Override
    public Integer call() {
        List<Integer> keyframes = keys != null ? keys : frames <= 1 ? List.of(0) : List.of(0, frames - 1);
        SynthOptions options;
        try {
            options = new SynthOptions(width, height, frames, seed, motion, traceLines, noise, gaps, occlusion, keyframes);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        SyntheticShot shot = SyntheticShotGenerator.generate(options, out);
        if (sheetOnly) {
            FileUtils.deleteQuietly(out.resolve("keys").toFile());
        }
        spec.commandLine().getOut().printf("wrote shot %s: %d frames %dx%d, keyframes %s, to %s%n",
                SyntheticShotGenerator.shotId(options), options.frames(), options.width(), options.height(),
                sheetOnly ? List.of() : options.keyframes(), shot.dir());
        if (modelSheet || sheetOnly) {
            Path sheet = SyntheticShotGenerator.writeModelSheet(options, out);
            spec.commandLine().getOut().printf("wrote model sheet %s%n", sheet);
        }
        return Anidoc.OK;
    }
}
