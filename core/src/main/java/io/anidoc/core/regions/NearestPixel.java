package io.anidoc.core.regions;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.image.OpenCv;
import io.anidoc.core.image.Pixels;

/** For every pixel, the index of the nearest marked pixel (Euclidean, by OpenCV's labelled distance transform). */
public final class NearestPixel {
    private NearestPixel() {
    }

    /** Marked pixels map to themselves; needs at least one marked pixel. */
    public static int[] nearestMarked(int w, int h, boolean[] marked) {
        OpenCv.load();
        int n = w * h;
        byte[] src = new byte[n];
        // the k-th marked pixel in scan order gets label k (1-based) from the transform
        int markedCount = 0;
        for (int i = 0; i < n; i++) {
            if (marked[i]) {
                markedCount++;
            } else {
                src[i] = 1;
            }
        }
        if (markedCount == 0) {
            throw new IllegalArgumentException("no marked pixel to measure distances to");
        }
        int[] pixelOfLabel = new int[markedCount + 1];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (marked[i]) {
                pixelOfLabel[++k] = i;
            }
        }
        Mat srcMat = Pixels.mat(w, h, CvType.CV_8UC1, src);
        Mat dist = new Mat();
        Mat labels = new Mat();
        Imgproc.distanceTransformWithLabels(srcMat, dist, labels, Imgproc.DIST_L2, Imgproc.DIST_MASK_5,
                Imgproc.DIST_LABEL_PIXEL);
        int[] label = Pixels.ints(labels);
        srcMat.release();
        dist.release();
        labels.release();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = marked[i] ? i : pixelOfLabel[label[i]];
        }
        return out;
    }
}
