package io.anidoc.core.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

import io.anidoc.core.image.Images;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.lineart.LineArt;

/**
 * Normalized line art as bytes, so a stage can hand the drawings it prepared to the next stages
 * instead of each decoding and normalizing them again: the three planes of a {@link LineArt}
 * (gray, ink class, main-line opacity), one after the other, row by row, in one Zstandard frame at
 * level 1. A third of the time of the lossless PNG that carried them before (a 1920x1080 frame: 5
 * against 17 ms, 56 against 98 KB), and nothing to interleave or split. Line art stored as that PNG
 * (gray, ink and opacity as its red, green and blue channels) still decodes. Decoding gives back the
 * same pixels.
 */
public final class LineArtCodec {

    /** Media type of the encoded line art. */
    public static final String MEDIA_TYPE = "application/vnd.anidoc.line-art+zstd";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    private LineArtCodec() {
    }

    public static byte[] encode(LineArt art) {
        int plane = art.width() * art.height();
        byte[] planes = new byte[3 * plane];
        System.arraycopy(Pixels.bytes(art.gray()), 0, planes, 0, plane);
        System.arraycopy(Pixels.bytes(art.ink()), 0, planes, plane, plane);
        System.arraycopy(Pixels.bytes(art.mainAlpha()), 0, planes, 2 * plane, plane);
        return Zstandard.compress(planes);
    }

    /**
     * @param what names the frame in the error
     * @throws IllegalArgumentException when the bytes are not line art of the expected size
     */
    public static LineArt decode(byte[] bytes, int width, int height, String what) {
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return decodePng(bytes, width, height, what);
        }
        int plane = width * height;
        long size = Zstandard.statedSize(bytes);
        if (size < 0) {
            throw new IllegalArgumentException(what + ": not normalized line art (neither a Zstandard frame that states"
                    + " its size nor a PNG)");
        }
        if (size != 3L * plane) {
            throw new IllegalArgumentException(what + ": expected " + width + "x" + height + " normalized line art in three"
                    + " planes (" + 3L * plane + " bytes), got " + size + " bytes");
        }
        byte[] planes = Zstandard.decompress(bytes, 3 * plane, what + ": corrupt line art: ");
        return new LineArt(width, height, plane(planes, 0, width, height), plane(planes, 1, width, height),
                plane(planes, 2, width, height));
    }

    private static Mat plane(byte[] planes, int index, int width, int height) {
        Mat mat = new Mat(height, width, CvType.CV_8UC1);
        mat.put(0, 0, planes, index * width * height, width * height);
        return mat;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The earlier form: gray, ink and opacity as the red, green and blue channels of one PNG. */
    private static LineArt decodePng(byte[] bytes, int width, int height, String what) {
        Mat bgr;
        try {
            bgr = Images.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        try {
            if (bgr.channels() != 3 || bgr.cols() != width || bgr.rows() != height) {
                throw new IllegalArgumentException(what + ": expected " + width + "x" + height + " normalized line art in three channels, got "
                        + bgr.cols() + "x" + bgr.rows() + " in " + bgr.channels());
            }
            List<Mat> planes = new ArrayList<>(3);
            Core.split(bgr, planes);
            // OpenCV decodes blue first: blue = opacity, green = ink, red = gray
            return new LineArt(width, height, planes.get(2), planes.get(1), planes.get(0));
        } finally {
            bgr.release();
        }
    }
}
