package io.anidoc.core.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a colorized shot against its ground truth.
 *
 * <p>Inputs: {@code predOut/color/NNNN.png} (the colorized frames) and {@code gtDir/gt/NNNN.png}
 * (ground truth); the frames in {@code gtDir/keys/} are keyframes, given to the colorizer, and are
 * not scored. Every other ground-truth frame needs a prediction of the same size. Measures per
 * frame: non-line pixel accuracy (the headline), region accuracy, PSNR and SSIM (see
 * {@link FrameMetrics}); temporal flicker per consecutive pair of frames (see {@link FlickerPair}),
 * over every pair with both predictions present except pairs of two keyframes. Shot values are the
 * plain means over frames (over pairs for flicker). The largest mistakes over the scored frames (which
 * ground-truth color was painted as which, in how many pixels) are listed too.
 */
public final class ShotEvaluator {
    /** Ground-truth pixels whose largest channel is below this are black line, not scored. */
    public static final int LINE_MAX_CHANNEL = 30;
    /** A predicted pixel is correct when within this of the ground truth on every channel. */
    public static final int TOLERANCE = 10;
    /** Regions smaller than this (pixels) are not scored. */
    public static final int MIN_REGION_AREA = 16;
    /** Kinds of mistake (ground-truth color painted as another) the report lists, the largest. */
    public static final int CONFUSIONS_LISTED = 8;
    /** PSNR of identical frames (and the ceiling of any frame). */
    public static final double PSNR_CAP_DB = 100.0;

    private ShotEvaluator() {
    }

    public static ShotReport evaluate(Path predOut, Path gtDir) {
        if (!Files.isDirectory(predOut)) {
            throw new IllegalArgumentException("prediction folder " + predOut + " does not exist");
        }
        if (!Files.isDirectory(gtDir)) {
            throw new IllegalArgumentException("ground-truth folder " + gtDir + " does not exist");
        }
        TreeMap<Integer, Path> truths = FrameFiles.list(gtDir.resolve("gt"), true);
        if (truths.isEmpty()) {
            throw new IllegalArgumentException("no ground-truth frames (NNNN.png) in " + gtDir.resolve("gt"));
        }
        TreeMap<Integer, Path> keys = FrameFiles.list(gtDir.resolve("keys"), false);
        TreeMap<Integer, Path> predictions = FrameFiles.list(predOut.resolve("color"), true);
        List<Integer> keyframes = new ArrayList<>(keys.keySet());
        for (Map.Entry<Integer, Path> truth : truths.entrySet()) {
            if (!keys.containsKey(truth.getKey()) && !predictions.containsKey(truth.getKey())) {
                throw new IllegalArgumentException("missing prediction for frame " + truth.getKey() + ": no "
                        + predOut.resolve("color").resolve(truth.getValue().getFileName()));
            }
        }
        if (keyframes.containsAll(truths.keySet())) {
            throw new IllegalArgumentException("every ground-truth frame in " + gtDir + " is a keyframe: nothing to score");
        }

        List<FrameMetrics> frames = new ArrayList<>();
        List<FlickerPair> pairs = new ArrayList<>();
        Map<Long, Long> mistakes = new java.util.HashMap<>();
        Map<Long, Integer> mistakeFrames = new java.util.HashMap<>();
        Integer previousIndex = null;
        ColorFrame previousTruth = null;
        ColorFrame previousPrediction = null;
        for (Map.Entry<Integer, Path> entry : truths.entrySet()) {
            int index = entry.getKey();
            boolean key = keys.containsKey(index);
            Path predictionPath = predictions.get(index);
            ColorFrame truth = ColorFrame.read(entry.getValue());
            ColorFrame prediction = predictionPath == null ? null : ColorFrame.read(predictionPath);
            if (prediction != null) {
                requireSameSize(prediction, predictionPath, truth, entry.getValue());
            }
            double flicker = Double.NaN;
            boolean consecutive = previousIndex != null && previousIndex == index - 1;
            if (consecutive && prediction != null && previousPrediction != null
                    && !(key && keys.containsKey(previousIndex))) {
                requireSameSize(prediction, predictionPath, previousTruth, truths.get(previousIndex));
                long[] counts = PixelMetrics.flickerCounts(previousPrediction, previousTruth, prediction, truth);
                flicker = ratio(counts[0], counts[1]);
                pairs.add(new FlickerPair(previousIndex, index, flicker, counts[1]));
            }
            if (!key) {
                frames.add(score(index, prediction, truth, flicker));
                Map<Long, Long> inFrame = new java.util.HashMap<>();
                PixelMetrics.addConfusions(prediction, truth, inFrame);
                inFrame.forEach((pair, pixels) -> {
                    mistakes.merge(pair, pixels, Long::sum);
                    mistakeFrames.merge(pair, 1, Integer::sum);
                });
            }
            previousIndex = index;
            previousTruth = truth;
            previousPrediction = prediction;
        }
        return ShotReport.of(keyframes, frames, pairs, largest(mistakes, mistakeFrames));
    }

    /** The {@link #CONFUSIONS_LISTED} largest mistakes, most pixels first (then by colors, for a stable order). */
    private static List<Confusion> largest(Map<Long, Long> mistakes, Map<Long, Integer> frames) {
        return mistakes.entrySet().stream()
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(CONFUSIONS_LISTED)
                .map(e -> new Confusion((int) (e.getKey() >>> 32), (int) (long) e.getKey(), e.getValue(), frames.get(e.getKey())))
                .toList();
    }

    /**
     * Region accuracy over every scored frame (keyframes excluded) of the regions whose ground-truth
     * color is one of {@code colors} (0xRRGGBB): e.g. the colors a model sheet shows, when a shot is
     * colored from the sheet alone and its background has no reference. NaN when no region is scored.
     */
    public static double regionAccuracy(Path predOut, Path gtDir, java.util.Set<Integer> colors) {
        TreeMap<Integer, Path> keys = FrameFiles.list(gtDir.resolve("keys"), false);
        TreeMap<Integer, Path> predictions = FrameFiles.list(predOut.resolve("color"), true);
        long correct = 0;
        long total = 0;
        for (Map.Entry<Integer, Path> truth : FrameFiles.list(gtDir.resolve("gt"), true).entrySet()) {
            if (keys.containsKey(truth.getKey())) {
                continue;
            }
            Path predictionPath = predictions.get(truth.getKey());
            if (predictionPath == null) {
                throw new IllegalArgumentException("missing prediction for frame " + truth.getKey() + " in " + predOut);
            }
            ColorFrame prediction = ColorFrame.read(predictionPath);
            ColorFrame truthFrame = ColorFrame.read(truth.getValue());
            requireSameSize(prediction, predictionPath, truthFrame, truth.getValue());
            int[] counts = PixelMetrics.regionCounts(prediction, truthFrame, colors::contains);
            correct += counts[0];
            total += counts[1];
        }
        return ratio(correct, total);
    }

    /**
     * The colors a model sheet shows: exact 0xRRGGBB values covering at least {@code minPixels}
     * pixels, paper white and black ink excluded (antialiased blends never reach the count).
     */
    public static java.util.Set<Integer> paintedColors(Path sheet, int minPixels) {
        ColorFrame image = ColorFrame.read(sheet);
        Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < image.pixels(); i++) {
            counts.merge(image.rgb(i), 1, Integer::sum);
        }
        java.util.Set<Integer> colors = new java.util.TreeSet<>();
        counts.forEach((rgb, n) -> {
            if (n >= minPixels && rgb != 0xFFFFFF && rgb != 0) {
                colors.add(rgb);
            }
        });
        return colors;
    }

    /** Scores one frame (both frames BGR, same size). */
    static FrameMetrics score(int index, ColorFrame prediction, ColorFrame truth, double flickerFromPrevious) {
        long[] pixels = PixelMetrics.nonLineCounts(prediction, truth);
        int[] regions = PixelMetrics.regionCounts(prediction, truth);
        return new FrameMetrics(index, ratio(pixels[0], pixels[1]), ratio(regions[0], regions[1]),
                PixelMetrics.psnr(prediction, truth), PixelMetrics.ssim(prediction, truth),
                flickerFromPrevious, pixels[1], regions[1]);
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    private static void requireSameSize(ColorFrame a, Path aPath, ColorFrame b, Path bPath) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException(aPath + " is " + a.width() + "x" + a.height() + " but " + bPath
                    + " is " + b.width() + "x" + b.height());
        }
    }
}
