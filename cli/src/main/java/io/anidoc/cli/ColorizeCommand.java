package io.anidoc.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.engine.ShotColorizer;
import io.anidoc.core.engine.ShotResult;
import io.anidoc.core.shot.Shot;
import io.anidoc.core.shot.ShotFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "colorize", mixinStandardHelpOptions = true,
        header = "Colorize a shot folder in this process (CPU engine).",
        description = "Reads SHOT/line/NNNN.png and SHOT/keys/NNNN.png, colorizes every drawing from the keyframes "
                + "with the CPU engine and writes OUT/color, OUT/lines, OUT/fill and OUT/manifest.json.")
final class ColorizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHOT", description = "Shot folder.")
    Path shotDir;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output folder.")
    Path out;

    @Override
    public Integer call() {
        Shot shot = ShotFolder.read(shotDir);
        long start = System.nanoTime();
        ShotResult result = new ShotColorizer(EngineSettings.defaults()).colorize(shot, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        var stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "colorized shot %s: %d frames %dx%d from keyframes %s in %.1f s%n", result.shotId(),
                result.frames().size(), shot.width(), shot.height(), shot.keyframes(), seconds);
        stdout.println("stage times (ms): " + result.timingsMillis());
        result.warnings().forEach(w -> stdout.println("warning: " + w));
        stdout.println("wrote " + result.manifest());
        return Anidoc.OK;
    }
}
