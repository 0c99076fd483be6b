package io.anidoc.ingest.image;

/**
 * Sizes of image ingest accepts, checked on the header before any pixel is decoded: the largest
 * (a small file declaring a huge canvas, a decompression bomb, is refused before memory is
 * allocated) and the smallest and most elongated the pipeline can work on (dense tracking and
 * feature matching need some area on both axes).
 *
 * @param maxDimension largest width or height in pixels
 * @param maxPixels    largest width times height
 * @param minDimension smallest width or height in pixels
 * @param maxAspect    largest ratio of the longer side to the shorter one
 */
public record ImageLimits(int maxDimension, long maxPixels, int minDimension, double maxAspect) {

    public static final int DEFAULT_MIN_DIMENSION = 32;
    public static final double DEFAULT_MAX_ASPECT = 16;

    public ImageLimits {
        if (maxDimension < 1 || maxPixels < 1 || minDimension < 1 || minDimension > maxDimension || !(maxAspect >= 1)) {
            throw new IllegalArgumentException("image limits must be positive with min <= max and aspect >= 1, got "
                    + maxDimension + ", " + maxPixels + ", " + minDimension + " and " + maxAspect);
        }
    }

    /** Only the largest sizes: any image down to 1x1, of any aspect. */
    public ImageLimits(int maxDimension, long maxPixels) {
        this(maxDimension, maxPixels, 1, Double.MAX_VALUE);
    }

    /** @throws ImageRejectedException with {@link ImageRejectedException.Reason#TOO_LARGE} or a size reason */
    public void check(ImageHeader header) throws ImageRejectedException {
        int width = header.width();
        int height = header.height();
        String size = width + "x" + height;
        if (width > maxDimension || height > maxDimension) {
            throw new ImageRejectedException(ImageRejectedException.Reason.TOO_LARGE,
                    "declared dimensions " + size + " exceed the limit of " + maxDimension + " pixels per side");
        }
        if (header.pixels() > maxPixels) {
            throw new ImageRejectedException(ImageRejectedException.Reason.TOO_LARGE,
                    "declared dimensions " + size + " (" + header.pixels() + " pixels) exceed the limit of "
                            + maxPixels + " pixels");
        }
        if (width < minDimension || height < minDimension) {
            throw new ImageRejectedException(ImageRejectedException.Reason.TOO_SMALL,
                    "dimensions " + size + " are below the minimum of " + minDimension + " pixels per side "
                            + "(ANIDOC_INGEST_MIN_DIMENSION); tracking and matching need some area on both axes");
        }
        double aspect = (double) Math.max(width, height) / Math.min(width, height);
        if (aspect > maxAspect) {
            throw new ImageRejectedException(ImageRejectedException.Reason.EXTREME_ASPECT,
                    "dimensions " + size + " have an aspect ratio of " + String.format(java.util.Locale.ROOT, "%.1f", aspect)
                            + ":1, more than the limit of " + maxAspect + ":1 (ANIDOC_INGEST_MAX_ASPECT)");
        }
    }
}
