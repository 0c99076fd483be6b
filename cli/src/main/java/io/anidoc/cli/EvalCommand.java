package io.anidoc.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import io.anidoc.core.metrics.ConfidenceCheck;
import io.anidoc.core.metrics.ContactSheet;
import io.anidoc.core.metrics.ShotEvaluator;
import io.anidoc.core.shot.ShotFolder;
import io.anidoc.core.metrics.ShotReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        header = "Score colorized frames against ground truth.",
        description = "Compares OUT/color/NNNN.png with DIR/gt/NNNN.png; keyframes (DIR/keys/NNNN.png) are not "
                + "scored. Headline: non-line pixel accuracy, the share of ground-truth pixels that are not black "
                + "line (largest channel >= 30) predicted within 10 on every channel. Also region accuracy, PSNR, "
                + "SSIM, temporal flicker and the largest mistakes (which ground-truth color was painted as which, "
                + "in how many pixels and frames). With a confidence layer (OUT/confidence/), also how well the flagged "
                + "(uncertain) regions point at the mistakes. Writes a contact sheet (line art, prediction, ground "
                + "truth, errors in red with uncertain regions outlined in blue) to --sheet.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pred", required = true, paramLabel = "OUT", description = "Colorizer output folder (with color/).")
    Path pred;

    @Option(names = "--gt", required = true, paramLabel = "DIR", description = "Shot folder with gt/ and keys/.")
    Path gt;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the full report as JSON.")
    Path json;

    @Option(names = "--sheet", paramLabel = "FILE",
            description = "Contact sheet PNG to write (default: OUT/eval/contact-sheet.png).")
    Path sheet;

    /** A color covering fewer pixels of a sheet than this is a blend or a speck, not paint. */
    private static final int SHEET_COLOR_PIXELS = 50;

    @Override
    public Integer call() {
        ShotReport report = ShotEvaluator.evaluate(pred, gt);
        var out = spec.commandLine().getOut();
        out.print(report.toTable());
        out.printf(Locale.ROOT, "non-line pixel accuracy: %.5f%n", report.meanNonLinePixelAccuracy());
        Set<Integer> sheetColors = new TreeSet<>();
        ShotFolder.sheetFiles(gt).forEach(f -> sheetColors.addAll(ShotEvaluator.paintedColors(f, SHEET_COLOR_PIXELS)));
        if (!sheetColors.isEmpty()) {
            out.printf(Locale.ROOT, "region accuracy over the %d colors the model sheets show: %.5f%n", sheetColors.size(),
                    ShotEvaluator.regionAccuracy(pred, gt, sheetColors));
        }
        ConfidenceCheck confidence = ConfidenceCheck.of(pred, gt);
        if (confidence != null) {
            out.println(confidence.summary());
        }
        Path sheetFile = sheet != null ? sheet : pred.resolve("eval").resolve("contact-sheet.png");
        ContactSheet.write(pred, gt, sheetFile);
        out.println("contact sheet written to " + sheetFile);
        if (json != null) {
            try {
                Path parent = json.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(json, report.toJson());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + json, e);
            }
            out.println("report written to " + json);
        }
        return Anidoc.OK;
    }
}
