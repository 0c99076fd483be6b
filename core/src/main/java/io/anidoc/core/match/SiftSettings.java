package io.anidoc.core.match;

/**
 * Settings of {@link SiftExtractor}.
 *
 * @param maxFeatures       keypoints kept per image, strongest first (the LightGlue SIFT models are
 *                          trained with up to 4096)
 * @param downscale         factor the image is resized by before detection, in (0, 1]; OpenCV's SIFT
 *                          doubles its input internally, so half size keeps fine line detail and costs
 *                          about a sixth of full size
 * @param maxWidth          widest detection image: larger frames are resized further (see {@link #downscaleFor})
 * @param contrastThreshold OpenCV SIFT contrast threshold; a bit below OpenCV's 0.04 keeps junctions of
 *                          thin or grey lines. Below about 0.024 OpenCV's integer pre-filter drops to
 *                          zero and detection gets about three times slower for little gain
 * @param edgeThreshold     OpenCV SIFT edge threshold (rejects responses along straight strokes)
 * @param blurSigma         Gaussian blur applied before detection, in full-resolution pixels (0 = none);
 *                          it turns thin strokes into ridges whose ends, corners and crossings give
 *                          stable blob responses: on one-pixel line art 2.0 gives about three times
 *                          the keypoints and matches of 1.0
 * @param octaveLayers      OpenCV SIFT layers per octave
 * @param sigma             OpenCV SIFT sigma of the first octave
 * @param onePerPixel       keep only the strongest keypoint of each detection pixel, as LightGlue's SIFT
 *                          extractor does. SIFT repeats a keypoint once per dominant orientation and
 *                          line art corners often have several; which one is strongest changes from
 *                          drawing to drawing, so keeping them all (the default) gives the sparse
 *                          matcher 5-30% more verified matches, for about twice the matching time
 */
public record SiftSettings(
        int maxFeatures,
        double downscale,
        int maxWidth,
        double contrastThreshold,
        double edgeThreshold,
        double blurSigma,
        int octaveLayers,
        double sigma,
        boolean onePerPixel) {

    public SiftSettings {
        if (maxFeatures < 1) {
            throw new IllegalArgumentException("maxFeatures must be at least 1, got " + maxFeatures);
        }
        if (!(downscale > 0 && downscale <= 1)) {
            throw new IllegalArgumentException("downscale must be in (0, 1], got " + downscale);
        }
        if (maxWidth < 16) {
            throw new IllegalArgumentException("maxWidth must be at least 16, got " + maxWidth);
        }
        if (!(contrastThreshold >= 0) || !Double.isFinite(contrastThreshold)) {
            throw new IllegalArgumentException("contrastThreshold must be a finite value >= 0, got " + contrastThreshold);
        }
        if (!(edgeThreshold > 0) || !Double.isFinite(edgeThreshold)) {
            throw new IllegalArgumentException("edgeThreshold must be a finite value > 0, got " + edgeThreshold);
        }
        if (!(blurSigma >= 0) || !Double.isFinite(blurSigma)) {
            throw new IllegalArgumentException("blurSigma must be a finite value >= 0, got " + blurSigma);
        }
        if (octaveLayers < 1) {
            throw new IllegalArgumentException("octaveLayers must be at least 1, got " + octaveLayers);
        }
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("sigma must be a finite value > 0, got " + sigma);
        }
    }

    public static SiftSettings defaults() {
        return new SiftSettings(4096, 0.5, 480, 0.03, 10, 2.0, 3, 1.6, false);
    }

    /** The factor a frame of this width is resized by before detection. */
    public double downscaleFor(int width) {
        return Math.min(downscale, (double) maxWidth / width);
    }

    public SiftSettings withMaxFeatures(int value) {
        return new SiftSettings(value, downscale, maxWidth, contrastThreshold, edgeThreshold, blurSigma, octaveLayers, sigma, onePerPixel);
    }

    public SiftSettings withDownscale(double value) {
        return new SiftSettings(maxFeatures, value, maxWidth, contrastThreshold, edgeThreshold, blurSigma, octaveLayers, sigma, onePerPixel);
    }

    public SiftSettings withContrastThreshold(double value) {
        return new SiftSettings(maxFeatures, downscale, maxWidth, value, edgeThreshold, blurSigma, octaveLayers, sigma, onePerPixel);
    }

    public SiftSettings withOnePerPixel(boolean value) {
        return new SiftSettings(maxFeatures, downscale, maxWidth, contrastThreshold, edgeThreshold, blurSigma, octaveLayers, sigma, value);
    }

    public SiftSettings withBlurSigma(double value) {
        return new SiftSettings(maxFeatures, downscale, maxWidth, contrastThreshold, edgeThreshold, value, octaveLayers, sigma, onePerPixel);
    }
}
