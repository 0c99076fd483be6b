package io.anidoc.ingest;

import io.anidoc.core.image.Images;
import io.anidoc.core.image.OpenCv;
import io.anidoc.runtime.testing.PngBytes;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** Small generated images in every form ingest must accept or refuse. */
public final class TestImages {

    private TestImages() {
    }

    /** A drawing: white paper, a black circle whose position depends on the seed. */
    public static Mat drawing(int width, int height, int seed) {
        OpenCv.load();
        Mat image = new Mat(height, width, CvType.CV_8UC3, new Scalar(255, 255, 255));
        Imgproc.circle(image, new Point(10 + seed % Math.max(1, width - 20), height / 2.0), Math.min(width, height) / 4,
                new Scalar(0, 0, 0), 2);
        return image;
    }

    public static byte[] png(int width, int height, int seed) {
        Mat image = drawing(width, height, seed);
        try {
            return Images.encodePng(image);
        } finally {
            image.release();
        }
    }

    public static byte[] encoded(String extension, int width, int height, int seed) {
        Mat image = drawing(width, height, seed);
        MatOfByte out = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(extension, image, out)) {
                throw new IllegalStateException("OpenCV cannot encode " + extension);
            }
            return out.toArray();
        } finally {
            image.release();
            out.release();
        }
    }

    /** A well-formed PNG whose header declares the given size but whose data holds a single row. */
    public static byte[] declaringSize(long width, long height) {
        return PngBytes.declaringSize(width, height);
    }

    /** The same PNG with bytes inside its image data changed, so a chunk CRC no longer matches. */
    public static byte[] withDamagedData(byte[] png) {
        return PngBytes.withDamagedData(png);
    }
}
