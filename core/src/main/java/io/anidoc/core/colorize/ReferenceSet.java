package io.anidoc.core.colorize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opencv.core.Mat;

import io.anidoc.core.image.Pixels;
import io.anidoc.core.lineart.InkClass;
import io.anidoc.core.lineart.LineArt;
import io.anidoc.core.regions.NearestPixel;
import io.anidoc.core.regions.Regions;

/**
 * The palette of a clip and its references as palette-index maps. Flat cel paint gives exact
 * colors ({@link PaletteBuilder}); a reference region that is not mostly one exact palette color
 * (shading, gradients, video frames) adds one color of its own, the per-channel median of its
 * pixels, so shaded references still give each region a fitting color.
 */
final class ReferenceSet {
    private ReferenceSet() {
    }

    record Result(Palette palette, Map<Integer, ReferenceMap> maps) {
    }

    static Result build(List<Integer> frames, List<Mat> colors, List<LineArt> arts, List<Regions> regions,
                        ColorizeSettings s) {
        List<Integer> paletteColors = new ArrayList<>();
        Map<Integer, Integer> indexOfColor = new LinkedHashMap<>();
        Palette flat = PaletteBuilder.buildOrNull(colors, arts, s.minFlatPixels());
        if (flat != null) {
            for (int rgb : flat.colors()) {
                indexOfColor.put(rgb, paletteColors.size());
                paletteColors.add(rgb);
            }
        }
        List<int[]> pixelIndex = new ArrayList<>();
        List<int[]> regionMedian = new ArrayList<>();
        for (int k = 0; k < frames.size(); k++) {
            byte[] bgr = Pixels.bytes(colors.get(k));
            byte[] ink = arts.get(k).inkBytes();
            Regions r = regions.get(k);
            int n = ink.length;
            int[] exact = new int[n];
            int[] exactCount = new int[r.count()];
            for (int i = 0; i < n; i++) {
                int idx = flat == null || ink[i] == InkClass.MAIN ? -1
                        : flat.indexOf(Palette.rgb(bgr[3 * i], bgr[3 * i + 1], bgr[3 * i + 2]));
                exact[i] = idx == Palette.NONE ? -1 : idx;
                if (exact[i] >= 0 && r.own()[i]) {
                    exactCount[r.labels()[i]]++;
                }
            }
            int[] medians = medians(bgr, r);
            int[] regionIndex = new int[r.count()];
            for (int reg = 0; reg < r.count(); reg++) {
                if (exactCount[reg] >= s.minFlatShare() * r.area()[reg]) {
                    regionIndex[reg] = -1;
                } else {
                    Integer idx = indexOfColor.get(medians[reg]);
                    if (idx == null) {
                        idx = paletteColors.size();
                        indexOfColor.put(medians[reg], idx);
                        paletteColors.add(medians[reg]);
                    }
                    regionIndex[reg] = idx;
                }
            }
            pixelIndex.add(exact);
            regionMedian.add(regionIndex);
        }
        if (paletteColors.isEmpty()) {
            throw new IllegalArgumentException("the references show no colors");
        }
        Palette palette = new Palette(paletteColors.stream().mapToInt(Integer::intValue).toArray());
        Map<Integer, ReferenceMap> maps = new HashMap<>();
        for (int k = 0; k < frames.size(); k++) {
            maps.put(frames.get(k), map(frames.get(k), regions.get(k), pixelIndex.get(k), regionMedian.get(k)));
        }
        return new Result(palette, maps);
    }

    /** Own pixels of median regions and exact pixels of flat regions are known; the rest take the nearest known. */
    private static ReferenceMap map(int frame, Regions r, int[] exact, int[] regionMedian) {
        int n = exact.length;
        short[] index = new short[n];
        boolean[] known = new boolean[n];
        int knownCount = 0;
        for (int i = 0; i < n; i++) {
            int median = regionMedian[r.labels()[i]];
            int idx = median >= 0 ? (r.own()[i] ? median : -1) : exact[i];
            if (idx >= 0) {
                index[i] = (short) idx;
                known[i] = true;
                knownCount++;
            }
        }
        if (knownCount == 0) {
            throw new IllegalArgumentException("reference " + frame + " shows no usable color");
        }
        if (knownCount < n) {
            int[] nearest = NearestPixel.nearestMarked(r.width(), r.height(), known);
            for (int i = 0; i < n; i++) {
                if (!known[i]) {
                    index[i] = index[nearest[i]];
                }
            }
        }
        return new ReferenceMap(frame, r.width(), r.height(), index);
    }

    /** 0xRRGGBB per region: the median of each channel over the region's own pixels. */
    private static int[] medians(byte[] bgr, Regions r) {
        int[] hist = new int[r.count() * 3 * 256];
        int[] labels = r.labels();
        boolean[] own = r.own();
        for (int i = 0; i < labels.length; i++) {
            if (own[i]) {
                int base = labels[i] * 768;
                hist[base + (bgr[3 * i] & 0xff)]++;
                hist[base + 256 + (bgr[3 * i + 1] & 0xff)]++;
                hist[base + 512 + (bgr[3 * i + 2] & 0xff)]++;
            }
        }
        int[] out = new int[r.count()];
        for (int k = 0; k < r.count(); k++) {
            int b = median(hist, k * 768, r.area()[k]);
            int g = median(hist, k * 768 + 256, r.area()[k]);
            int red = median(hist, k * 768 + 512, r.area()[k]);
            out[k] = (red << 16) | (g << 8) | b;
        }
        return out;
    }

    private static int median(int[] hist, int offset, int count) {
        int half = (count + 1) / 2;
        int seen = 0;
        for (int v = 0; v < 256; v++) {
            seen += hist[offset + v];
            if (seen >= half) {
                return v;
            }
        }
        return 255;
    }
}
