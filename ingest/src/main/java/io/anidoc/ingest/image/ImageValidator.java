package io.anidoc.ingest.image;

import io.anidoc.core.image.Images;
import org.opencv.core.Mat;

import static io.anidoc.ingest.image.ImageRejectedException.Reason.CORRUPT;

/**
 * Decides whether an upload is an image the pipeline can use, cheapest checks first: the header
 * (format and declared dimensions against the limits, before anything is allocated), the file
 * structure (truncation, CRCs), then a full decode with OpenCV whose result must match the header.
 */
public final class ImageValidator {

    private final ImageLimits limits;

    public ImageValidator(ImageLimits limits) {
        this.limits = limits;
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Format and dimensions from the header, within the limits; no pixel is decoded. */
    public ImageHeader inspect(byte[] bytes) throws ImageRejectedException {
        ImageHeader header = ImageHeaders.read(bytes);
        limits.check(header);
        return header;
    }

    /** Full validation: {@link #inspect}, structure, decode. Blocks for the decode; call from a worker thread. */
    public ValidatedImage validate(byte[] bytes) throws ImageRejectedException {
        ImageHeader header = inspect(bytes);
        ContainerCheck.verify(header.format(), bytes);
        Mat image;
        try {
            image = Images.decode(bytes);
        } catch (RuntimeException e) {
            // OpenCV reports damage as IllegalArgumentException (Images) or CvException (codecs)
            throw new ImageRejectedException(CORRUPT, "undecodable " + header.format() + ": " + e.getMessage());
        }
        try {
            if (image.cols() != header.width() || image.rows() != header.height()) {
                throw new ImageRejectedException(CORRUPT, "corrupt " + header.format() + ": the header declares "
                        + header.width() + "x" + header.height() + " but the pixels decode to " + image.cols() + "x" + image.rows());
            }
            byte[] png = header.format() == ImageFormat.PNG ? bytes : Images.encodePng(image);
            return new ValidatedImage(header.format(), header.width(), header.height(), png);
        } finally {
            image.release();
        }
    }
}
