package io.anidoc.core.colorize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.opencv.core.Mat;

import io.anidoc.core.image.Pixels;
import io.anidoc.core.regions.Regions;

/**
 * Palette and reference maps for references that are not flat cel paint (shaded or video frames,
 * where exact colors do not repeat): every region of every reference becomes one color, the
 * per-channel median of its pixels, and the palette is the set of those colors.
 */
final class ShadedReferences {
    private ShadedReferences() {
    }

    record Result(Palette palette, Map<Integer, ReferenceMap> maps) {
    }

    static Result build(List<Integer> frames, List<Mat> colors, List<Regions> regions) {
        Map<Integer, Integer> indexOf = new HashMap<>();
        List<Integer> palette = new ArrayList<>();
        List<int[]> regionColor = new ArrayList<>();
        for (int k = 0; k < frames.size(); k++) {
            int[] medians = medians(Pixels.bytes(colors.get(k)), regions.get(k));
            regionColor.add(medians);
            for (int rgb : medians) {
                if (indexOf.putIfAbsent(rgb, palette.size()) == null) {
                    palette.add(rgb);
                }
            }
        }
        Palette p = new Palette(palette.stream().mapToInt(Integer::intValue).toArray());
        Map<Integer, ReferenceMap> maps = new HashMap<>();
        for (int k = 0; k < frames.size(); k++) {
            Regions r = regions.get(k);
            int[] medians = regionColor.get(k);
            short[] index = new short[r.labels().length];
            for (int i = 0; i < index.length; i++) {
                index[i] = (short) (int) indexOf.get(medians[r.labels()[i]]);
            }
            maps.put(frames.get(k), new ReferenceMap(frames.get(k), r.width(), r.height(), index));
        }
        return new Result(p, maps);
    }

    /** 0xRRGGBB per region: the median of each channel over the region's own pixels. */
    private static int[] medians(byte[] bgr, Regions r) {
        int[][] hist = new int[r.count() * 3][];
        for (int i = 0; i < hist.length; i++) {
            hist[i] = new int[256];
        }
        int[] labels = r.labels();
        boolean[] own = r.own();
        for (int i = 0; i < labels.length; i++) {
            if (own[i]) {
                int k = labels[i];
                hist[3 * k][bgr[3 * i] & 0xff]++;
                hist[3 * k + 1][bgr[3 * i + 1] & 0xff]++;
                hist[3 * k + 2][bgr[3 * i + 2] & 0xff]++;
            }
        }
        int[] out = new int[r.count()];
        for (int k = 0; k < r.count(); k++) {
            int b = median(hist[3 * k], r.area()[k]);
            int g = median(hist[3 * k + 1], r.area()[k]);
            int red = median(hist[3 * k + 2], r.area()[k]);
            out[k] = (red << 16) | (g << 8) | b;
        }
        return out;
    }

    private static int median(int[] hist, int count) {
        int half = (count + 1) / 2;
        int seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += hist[v];
            if (seen >= half) {
                return v;
            }
        }
        return 255;
    }
}
