package io.anidoc.ingest;

import io.anidoc.core.image.Images;
import io.anidoc.core.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

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

    /**
     * A well-formed PNG whose header declares the given size but whose data holds a single row:
     * what a decompression bomb looks like to a header check.
     */
    public static byte[] declaringSize(long width, long height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt((int) width).putInt((int) height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] buffer = new byte[256];
        int length = deflater.deflate(buffer);
        chunk(png, "IDAT", java.util.Arrays.copyOf(buffer, length));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** The same PNG with bytes inside its image data changed, so a chunk CRC no longer matches. */
    public static byte[] withDamagedData(byte[] png) {
        byte[] damaged = png.clone();
        int idat = indexOf(damaged, "IDAT".getBytes(StandardCharsets.ISO_8859_1));
        for (int i = idat + 6; i < idat + 14 && i < damaged.length - 12; i++) {
            damaged[i] ^= 0x5A;
        }
        return damaged;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
