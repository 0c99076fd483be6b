package io.anidoc.colorizer.anidoc;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A frame scaled to fit the model's size with its aspect kept, centred, the rest padded; and the
 * way back. Pixel centres sit on integer coordinates in both.
 */
record Letterbox(int width, int height, int modelWidth, int modelHeight, int scaledWidth, int scaledHeight,
                 int left, int top) {

    static Letterbox of(int width, int height, int modelWidth, int modelHeight) {
        double scale = Math.min((double) modelWidth / width, (double) modelHeight / height);
        int scaledWidth = Math.max(1, Math.min(modelWidth, (int) Math.round(width * scale)));
        int scaledHeight = Math.max(1, Math.min(modelHeight, (int) Math.round(height * scale)));
        return new Letterbox(width, height, modelWidth, modelHeight, scaledWidth, scaledHeight,
                (modelWidth - scaledWidth) / 2, (modelHeight - scaledHeight) / 2);
    }

    /** Column of the model pixel that holds frame point x. */
    int modelX(float x) {
        return left + (int) Math.floor((x + 0.5) * scaledWidth / width);
    }

    /** Row of the model pixel that holds frame point y. */
    int modelY(float y) {
        return top + (int) Math.floor((y + 0.5) * scaledHeight / height);
    }

    boolean inside(int mx, int my) {
        return mx >= left && mx < left + scaledWidth && my >= top && my < top + scaledHeight;
    }

    /** The frame at the model's size, padded with {@code paper}; the caller releases it. */
    Mat fit(Mat image, Scalar paper) {
        Mat scaled = new Mat();
        int interpolation = scaledWidth < width ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
        Imgproc.resize(image, scaled, new Size(scaledWidth, scaledHeight), 0, 0, interpolation);
        Mat padded = new Mat();
        Core.copyMakeBorder(scaled, padded, top, modelHeight - scaledHeight - top, left,
                modelWidth - scaledWidth - left, Core.BORDER_CONSTANT, paper);
        scaled.release();
        return padded;
    }

    /** A model-sized image cropped to the frame and scaled back to the frame's size; the caller releases it. */
    Mat restore(Mat modelImage) {
        Mat crop = modelImage.submat(new Rect(left, top, scaledWidth, scaledHeight));
        Mat full = new Mat();
        int interpolation = scaledWidth > width ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
        Imgproc.resize(crop, full, new Size(width, height), 0, 0, interpolation);
        crop.release();
        return full;
    }
}
