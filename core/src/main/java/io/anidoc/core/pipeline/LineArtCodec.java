package io.anidoc.core.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Core;
import org.opencv.core.Mat;

import io.anidoc.core.image.Images;
import io.anidoc.core.lineart.LineArt;

/**
 * Normalized line art as bytes, so a stage can hand the drawings it prepared to the next stages
 * instead of each decoding and normalizing them again: the three planes of a {@link LineArt} are the
 * red (gray), green (ink class) and blue (main-line opacity) channels of one lossless PNG, encoded
 * with the layers' fast settings ({@link Images#encodePng}). Decoding gives back the same pixels.
 */
public final class LineArtCodec {

    /** Media type of the encoded line art. */
    public static final String MEDIA_TYPE = "application/vnd.anidoc.line-art+png";

    private LineArtCodec() {
    }

    public static byte[] encode(LineArt art) {
        Mat bgr = new Mat();
        // OpenCV orders blue first: blue = opacity, green = ink, red = gray
        Core.merge(List.of(art.mainAlpha(), art.ink(), art.gray()), bgr);
        try {
            return Images.encodePng(bgr);
        } finally {
            bgr.release();
        }
    }

    /**
     * @param what names the frame in the error
     * @throws IllegalArgumentException when the bytes are not a three-channel image of the expected size
     */
    public static LineArt decode(byte[] bytes, int width, int height, String what) {
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
