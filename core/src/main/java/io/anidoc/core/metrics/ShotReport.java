package io.anidoc.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The scores of a shot: per frame, per consecutive pair (flicker) and their means. Means skip
 * undefined values (NaN: a frame with no region, a pair with no stable pixel); a mean over nothing
 * is NaN, written as null in JSON.
 */
public record ShotReport(List<Integer> keyframes, List<FrameMetrics> frames, List<FlickerPair> flickerPairs,
                         double meanNonLinePixelAccuracy, double meanRegionAccuracy, double meanPsnr,
                         double meanSsim, double meanFlicker, List<Confusion> confusions) {

    public ShotReport {
        keyframes = List.copyOf(keyframes);
        frames = List.copyOf(frames);
        flickerPairs = List.copyOf(flickerPairs);
        confusions = List.copyOf(confusions);
    }

    static ShotReport of(List<Integer> keyframes, List<FrameMetrics> frames, List<FlickerPair> pairs,
                         List<Confusion> confusions) {
        return new ShotReport(keyframes, frames, pairs,
                mean(frames, FrameMetrics::nonLinePixelAccuracy), mean(frames, FrameMetrics::regionAccuracy),
                mean(frames, FrameMetrics::psnr), mean(frames, FrameMetrics::ssim), mean(pairs, FlickerPair::flicker),
                confusions);
    }

    /** Wrong non-line pixels over the scored frames. */
    public long wrongPixels() {
        long wrong = 0;
        for (FrameMetrics f : frames) {
            if (!Double.isNaN(f.nonLinePixelAccuracy())) {
                wrong += Math.round((1 - f.nonLinePixelAccuracy()) * f.nonLinePixels());
            }
        }
        return wrong;
    }

    private static <T> double mean(List<T> items, ToDoubleFunction<T> value) {
        double sum = 0;
        int count = 0;
        for (T item : items) {
            double v = value.applyAsDouble(item);
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("framesScored", frames.size());
        json.put("keyframes", keyframes);
        Map<String, Object> mean = new LinkedHashMap<>();
        mean.put("nonLinePixelAccuracy", number(meanNonLinePixelAccuracy));
        mean.put("regionAccuracy", number(meanRegionAccuracy));
        mean.put("psnr", number(meanPsnr));
        mean.put("ssim", number(meanSsim));
        mean.put("flicker", number(meanFlicker));
        json.put("mean", mean);
        List<Map<String, Object>> frameList = new ArrayList<>();
        for (FrameMetrics f : frames) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", f.index());
            m.put("nonLinePixelAccuracy", number(f.nonLinePixelAccuracy()));
            m.put("regionAccuracy", number(f.regionAccuracy()));
            m.put("psnr", number(f.psnr()));
            m.put("ssim", number(f.ssim()));
            m.put("flickerFromPrevious", number(f.flickerFromPrevious()));
            m.put("nonLinePixels", f.nonLinePixels());
            m.put("regions", f.regions());
            frameList.add(m);
        }
        json.put("frames", frameList);
        List<Map<String, Object>> pairList = new ArrayList<>();
        for (FlickerPair p : flickerPairs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", p.from());
            m.put("to", p.to());
            m.put("flicker", number(p.flicker()));
            m.put("stablePixels", p.stablePixels());
            pairList.add(m);
        }
        json.put("flickerPairs", pairList);
        List<Map<String, Object>> confusionList = new ArrayList<>();
        for (Confusion c : confusions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("truth", hex(c.truth()));
            m.put("painted", hex(c.painted()));
            m.put("pixels", c.pixels());
            m.put("frames", c.frames());
            confusionList.add(m);
        }
        json.put("largestMistakes", confusionList);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** A fixed-width table, one row per scored frame, then the means. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        String header = String.format(Locale.ROOT, "%-6s %12s %10s %9s %8s %9s%n",
                "frame", "non-line acc", "region acc", "PSNR dB", "SSIM", "flicker");
        out.append(header);
        for (FrameMetrics f : frames) {
            out.append(row(String.format(Locale.ROOT, "%04d", f.index()), f.nonLinePixelAccuracy(), f.regionAccuracy(),
                    f.psnr(), f.ssim(), f.flickerFromPrevious()));
        }
        out.append("-".repeat(header.strip().length())).append(System.lineSeparator());
        out.append(row("mean", meanNonLinePixelAccuracy, meanRegionAccuracy, meanPsnr, meanSsim, meanFlicker));
        out.append(String.format(Locale.ROOT, "%d frames scored, keyframes %s not counted; flicker = share of "
                + "unchanged ground-truth pixels whose prediction changed from the previous frame%n", frames.size(), keyframes));
        if (!confusions.isEmpty()) {
            long wrong = wrongPixels();
            out.append(String.format(Locale.ROOT, "largest mistakes (ground truth painted as, pixels, share of the %d wrong ones, frames):%n",
                    wrong));
            for (Confusion c : confusions) {
                out.append(String.format(Locale.ROOT, "  %s as %s %10d %6.1f%% %4d%n", hex(c.truth()), hex(c.painted()), c.pixels(),
                        wrong == 0 ? 0.0 : 100.0 * c.pixels() / wrong, c.frames()));
            }
        }
        return out.toString();
    }

    private static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
    }

    private static String row(String label, double accuracy, double region, double psnr, double ssim, double flicker) {
        return String.format(Locale.ROOT, "%-6s %12s %10s %9s %8s %9s%n", label, fmt(accuracy, "%.5f"),
                fmt(region, "%.4f"), fmt(psnr, "%.2f"), fmt(ssim, "%.4f"), fmt(flicker, "%.5f"));
    }

    private static String fmt(double v, String format) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
    }

    private static Object number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
