package io.anidoc.core.regions;

import java.util.Arrays;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.image.OpenCv;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.lineart.InkClass;
import io.anidoc.core.lineart.LineArt;

/**
 * Splits a drawing into closed fill regions: 4-connected areas of paper, with the gaps in the lines
 * first bridged ({@link GapCloser}) so they do not join two fills. The regions found on the closed ink then
 * grow back over the paper the closing covered without crossing ink, so a bridged gap is divided
 * between the fills on its two sides. Areas the closing swallowed whole (thin enclosed shapes) come
 * back as regions of their own; trace lines are borders like main lines.
 */
public final class RegionSegmenter {
    private final RegionSettings settings;

    public RegionSegmenter(RegionSettings settings) {
        this.settings = settings;
    }

    public Regions segment(LineArt art) {
        OpenCv.load();
        int w = art.width();
        int h = art.height();
        int n = w * h;
        byte[] ink = art.inkBytes();
        byte[] inkMask = new byte[n];
        for (int i = 0; i < n; i++) {
            inkMask[i] = ink[i] != InkClass.PAPER ? (byte) 255 : 0;
        }
        Mat inkMat = Pixels.mat(w, h, CvType.CV_8UC1, inkMask);
        FreeLabels closed = labelFree(closeGaps(inkMat, w));
        int[] closedLabels = closed.labels();
        FreeLabels open = labelFree(inkMat);
        int[] openLabels = open.labels();
        inkMat.release();

        int maxOpen = open.count() - 1;
        int maxClosed = closed.count() - 1;
        boolean[] reached = new boolean[maxOpen + 1];
        for (int i = 0; i < n; i++) {
            if (closedLabels[i] > 0) {
                reached[openLabels[i]] = true;
            }
        }
        // provisional ids: closed components first, then open components the closing swallowed whole
        int[] openId = new int[maxOpen + 1];
        int next = maxClosed;
        for (int c = 1; c <= maxOpen; c++) {
            openId[c] = reached[c] ? -1 : next++;
        }
        int[] provisional = new int[n];
        int[] provisionalArea = new int[next];
        for (int i = 0; i < n; i++) {
            int id = -1;
            if (closedLabels[i] > 0) {
                id = closedLabels[i] - 1;
            } else if (openLabels[i] > 0 && openId[openLabels[i]] >= 0) {
                id = openId[openLabels[i]];
            }
            provisional[i] = id;
            if (id >= 0) {
                provisionalArea[id]++;
            }
        }
        // the regions grow back over the paper the closing covered (bridged gaps, narrow passages, sharp
        // corners) without crossing ink: two fills that met through a gap divide it between them
        BreadthFirstGrowth.grow(w, h, provisional, inkMask, provisionalArea);
        int minArea = (int) Math.max(1, Math.round(settings.minRegionArea() * n / 1_000_000.0));
        return finish(w, h, provisional, provisionalArea, minArea);
    }

    private Mat closeGaps(Mat inkMat, int width) {
        return GapCloser.close(inkMat, settings.lineGrow(width), settings.gapCloseDiameter(width));
    }

    /** Labels 1..count-1 of the free pixels (0 elsewhere), and count. */
    private record FreeLabels(int[] labels, int count) {
    }

    /** 4-connected labels of the zero pixels of a 0/255 mask (0 = ink). */
    private static FreeLabels labelFree(Mat barrier) {
        Mat free = new Mat();
        Core.compare(barrier, new org.opencv.core.Scalar(0), free, Core.CMP_EQ);
        Mat labels = new Mat();
        int count = Imgproc.connectedComponents(free, labels, 4, CvType.CV_32S);
        int[] out = Pixels.ints(labels);
        free.release();
        labels.release();
        return new FreeLabels(out, count);
    }

    /** Drops regions below minArea, renumbers in scan order and gives every other pixel its nearest own pixel. */
    private static Regions finish(int w, int h, int[] provisional, int[] provisionalArea, int minArea) {
        int n = w * h;
        int[] remap = new int[provisionalArea.length];
        java.util.Arrays.fill(remap, Integer.MIN_VALUE);
        int count = 0;
        int[] labels = new int[n];
        boolean[] own = new boolean[n];
        int inkCount = 0;
        for (int i = 0; i < n; i++) {
            int p = provisional[i];
            if (p >= 0 && provisionalArea[p] >= minArea) {
                if (remap[p] == Integer.MIN_VALUE) {
                    remap[p] = count++;
                }
                labels[i] = remap[p];
                own[i] = true;
            } else {
                inkCount++;
            }
        }
        if (count == 0) {
            // nothing but ink: one region covering the frame
            Arrays.fill(own, true);
            return new Regions(w, h, 1, new int[n], own, new int[0], new int[0], new int[] {n});
        }
        // a kept region's pixels are exactly its provisional ones, which the areas counted
        int[] area = new int[count];
        for (int p = 0; p < remap.length; p++) {
            if (remap[p] != Integer.MIN_VALUE) {
                area[remap[p]] = provisionalArea[p];
            }
        }
        int[] nearest = NearestPixel.nearestMarked(w, h, own);
        int[] inkPixels = new int[inkCount];
        int[] inkSources = new int[inkCount];
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (!own[i]) {
                labels[i] = labels[nearest[i]];
                inkPixels[j] = i;
                inkSources[j++] = nearest[i];
            }
        }
        return new Regions(w, h, count, labels, own, inkPixels, inkSources, area);
    }
}
