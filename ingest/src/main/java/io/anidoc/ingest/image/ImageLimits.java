package io.anidoc.ingest.image;

/**
 * Largest image ingest decodes, checked on the header so that a small file declaring a huge
 * canvas (a decompression bomb) is refused before any pixel memory is allocated.
 *
 * @param maxDimension largest width or height in pixels
 * @param maxPixels    largest width times height
 */
public record ImageLimits(int maxDimension, long maxPixels) {

    public ImageLimits {
        if (maxDimension < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("image limits must be positive, got " + maxDimension + " and " + maxPixels);
        }
    }

    /** @throws ImageRejectedException with {@link ImageRejectedException.Reason#TOO_LARGE} when over a limit */
    public void check(ImageHeader header) throws ImageRejectedException {
        if (header.width() > maxDimension || header.height() > maxDimension) {
            throw new ImageRejectedException(ImageRejectedException.Reason.TOO_LARGE,
                    "declared dimensions " + header.width() + "x" + header.height() + " exceed the limit of "
                            + maxDimension + " pixels per side");
        }
        if (header.pixels() > maxPixels) {
            throw new ImageRejectedException(ImageRejectedException.Reason.TOO_LARGE,
                    "declared dimensions " + header.width() + "x" + header.height() + " (" + header.pixels()
                            + " pixels) exceed the limit of " + maxPixels + " pixels");
        }
    }
}
