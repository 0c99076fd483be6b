package io.anidoc.core.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Image file input and output. Reading keeps the alpha channel; writing produces PNG bytes that
 * depend only on the pixels ({@link PngEncoder}: fixed filter and compression level, no timestamps),
 * so the same image always gives the same file.
 */
public final class Images {
    private Images() {
    }

    /** Reads an image: CV_8UC4 (BGRA) when the file has alpha, else CV_8UC3 (BGR) or CV_8UC1. */
    public static Mat read(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + path, e);
        }
        try {
            return decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot decode image " + path + ": " + e.getMessage(), e);
        }
    }

    /** Decodes encoded image bytes (PNG, JPEG, ...) keeping alpha; 16-bit images become 8-bit. */
    public static Mat decode(byte[] bytes) {
        OpenCv.load();
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("empty image data");
        }
        MatOfByte buffer = new MatOfByte(bytes);
        Mat image = Imgcodecs.imdecode(buffer, Imgcodecs.IMREAD_UNCHANGED);
        buffer.release();
        if (image.empty()) {
            throw new IllegalArgumentException("not a decodable image (" + bytes.length + " bytes)");
        }
        if (image.depth() != CvType.CV_8U) {
            Mat eight = new Mat();
            double scale = image.depth() == CvType.CV_16U ? 1.0 / 257.0 : 1.0;
            image.convertTo(eight, CvType.CV_8U, scale);
            image.release();
            image = eight;
        }
        int channels = image.channels();
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("unsupported channel count " + channels);
        }
        return image;
    }

    /** Encodes an 8-bit 1, 3 or 4 channel image as PNG with fixed settings (see {@link PngEncoder}). */
    public static byte[] encodePng(Mat image) {
        OpenCv.load();
        if (image == null || image.empty()) {
            throw new IllegalArgumentException("cannot encode an empty image");
        }
        if (image.depth() != CvType.CV_8U) {
            throw new IllegalArgumentException("PNG output needs an 8-bit image, got " + CvType.typeToString(image.type()));
        }
        if (image.channels() != 1 && image.channels() != 3 && image.channels() != 4) {
            throw new IllegalArgumentException("PNG output needs 1, 3 or 4 channels, got " + image.channels());
        }
        return PngEncoder.encode(Pixels.bytes(image), image.cols(), image.rows(), image.channels(), () -> pngOrder(image));
    }

    /** The pixels red first, as PNG stores them (OpenCV keeps blue first). */
    private static byte[] pngOrder(Mat image) {
        if (image.channels() == 1) {
            return Pixels.bytes(image);
        }
        Mat rgb = new Mat();
        Imgproc.cvtColor(image, rgb, image.channels() == 4 ? Imgproc.COLOR_BGRA2RGBA : Imgproc.COLOR_BGR2RGB);
        try {
            return Pixels.bytes(rgb);
        } finally {
            rgb.release();
        }
    }

    /** Writes the image as PNG, creating parent folders. */
    public static void write(Path path, Mat image) {
        byte[] bytes = encodePng(image);
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write image " + path, e);
        }
    }
}
