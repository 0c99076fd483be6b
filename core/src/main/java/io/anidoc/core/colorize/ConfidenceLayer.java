package io.anidoc.core.colorize;

import java.util.ArrayList;
import java.util.List;

import org.opencv.core.CvType;

import io.anidoc.core.image.Pixels;
import io.anidoc.core.regions.Regions;

/** Builds a drawing's {@link FrameConfidence} from the per-region confidence of the merged chains. */
final class ConfidenceLayer {
    private ConfidenceLayer() {
    }

    static FrameConfidence of(Regions regions, ChainStep.Merged merged, List<ChainStep> chains, short[] fill,
                              Palette palette) {
        int w = regions.width();
        int h = regions.height();
        int[] labels = regions.labels();
        int[] confidence = merged.confidence();
        byte[] layer = new byte[w * h];
        for (int i = 0; i < layer.length; i++) {
            layer[i] = (byte) confidence[labels[i]];
        }
        int count = regions.count();
        int[] box = LeakSplitter.boundingBoxes(regions);
        int[] pixels = new int[count];
        long uncertainPixels = 0;
        for (int i = 0; i < labels.length; i++) {
            int k = labels[i];
            pixels[k]++;
            if (confidence[k] < FrameConfidence.UNCERTAIN_BELOW) {
                uncertainPixels++;
            }
        }
        int[] painted = new int[count];
        boolean[] own = regions.own();
        for (int i = 0; i < labels.length; i++) {
            if (own[i]) {
                painted[labels[i]] = fill[i];
            }
        }
        List<UncertainRegion> uncertain = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            if (confidence[k] >= FrameConfidence.UNCERTAIN_BELOW || box[4 * k + 2] < 0) {
                continue;
            }
            List<Integer> candidates = new ArrayList<>();
            for (int c : ChainStep.candidates(chains, k, painted[k])) {
                candidates.add(palette.color(c));
            }
            uncertain.add(new UncertainRegion(box[4 * k], box[4 * k + 1], box[4 * k + 2] - box[4 * k] + 1,
                    box[4 * k + 3] - box[4 * k + 1] + 1, pixels[k], confidence[k], palette.color(painted[k]), candidates));
        }
        // largest first: what a painter looks at first
        uncertain.sort((a, b) -> a.area() != b.area() ? Integer.compare(b.area(), a.area())
                : a.y() != b.y() ? Integer.compare(a.y(), b.y()) : Integer.compare(a.x(), b.x()));
        return new FrameConfidence(Pixels.mat(w, h, CvType.CV_8UC1, layer), (double) uncertainPixels / labels.length,
                uncertain);
    }
}
