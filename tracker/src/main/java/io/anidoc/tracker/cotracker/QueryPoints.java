package io.anidoc.tracker.cotracker;

import io.anidoc.core.match.KeyPoints;
import io.anidoc.core.match.SiftExtractor;
import org.opencv.core.Mat;

import java.util.Arrays;

/**
 * Where the tracker asks the model to follow points on a reference: a regular grid over the whole
 * frame (the fills, which the colorizer needs carried) plus the strongest SIFT keypoints of the line
 * art (corners and line ends, which track best). Same image, same points.
 */
final class QueryPoints {

    private QueryPoints() {
    }

    /** x0, y0, x1, y1, ... in frame pixels. */
    static float[] sample(Mat lineGray, int gridPoints, int keyPoints, SiftExtractor extractor) {
        int width = lineGray.cols();
        int height = lineGray.rows();
        double step = (double) Math.max(width, height) / gridPoints;
        int columns = Math.max(1, (int) Math.round(width / step));
        int rows = Math.max(1, (int) Math.round(height / step));
        KeyPoints detected = keyPoints > 0 ? extractor.extract(lineGray) : KeyPoints.empty(width, height);
        int kept = Math.min(keyPoints, detected.size());
        float[] xy = new float[2 * (columns * rows + kept)];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                xy[k++] = (float) ((c + 0.5) * width / columns - 0.5);
                xy[k++] = (float) ((r + 0.5) * height / rows - 0.5);
            }
        }
        // keypoints come strongest first
        System.arraycopy(detected.xy(), 0, xy, k, 2 * kept);
        return Arrays.copyOf(xy, k + 2 * kept);
    }
}
