package io.anidoc.core.lineart;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import io.anidoc.core.image.Pixels;

/** Hysteresis and despeckling on ink candidates, by 8-connected components. */
final class InkCleaner {
    private InkCleaner() {
    }

    /**
     * Keeps the candidate components that contain a strong pixel (darkness >= mainStrong or chroma >=
     * traceStrong) and have at least minArea pixels. Returns the kept candidates' classes, PAPER elsewhere.
     */
    static byte[] keepSeededComponents(int w, int h, byte[] candidate, byte[] dark, byte[] chroma,
                                       int mainStrong, int traceStrong, int minArea) {
        int n = w * h;
        byte[] mask = new byte[n];
        for (int i = 0; i < n; i++) {
            mask[i] = candidate[i] != InkClass.PAPER ? (byte) 255 : 0;
        }
        Mat maskMat = Pixels.mat(w, h, CvType.CV_8UC1, mask);
        Mat labels = new Mat();
        // areas are counted below with the seeds: OpenCV's statistics would add boxes and centroids
        int count = Imgproc.connectedComponents(maskMat, labels, 8, CvType.CV_32S);
        int[] label = Pixels.ints(labels);
        maskMat.release();
        labels.release();

        boolean[] seeded = new boolean[count];
        int[] area = new int[count];
        for (int i = 0; i < n; i++) {
            int l = label[i];
            if (l != 0) {
                area[l]++;
                if (!seeded[l] && (candidate[i] == InkClass.MAIN ? (dark[i] & 0xff) >= mainStrong : (chroma[i] & 0xff) >= traceStrong)) {
                    seeded[l] = true;
                }
            }
        }
        boolean[] keep = new boolean[count];
        for (int l = 1; l < count; l++) {
            keep[l] = seeded[l] && area[l] >= minArea;
        }
        byte[] ink = new byte[n];
        for (int i = 0; i < n; i++) {
            if (keep[label[i]]) {
                ink[i] = candidate[i];
            }
        }
        return ink;
    }
}
