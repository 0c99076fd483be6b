package io.anidoc.core.match;

/**
 * Settings of {@link SiftExtractor}.
 *
 * @param maxFeatures       keypoints kept per image, strongest first (the LightGlue SIFT models are
 *                          trained with up to 4096)
 * @param downscale         factor the image is resized by before detection, in (0, 1]; OpenCV's SIFT
 *                          doubles its input internally, so half size keeps fine line detail and costs
 *                          about a sixth of full size
 * @param contrastThreshold OpenCV SIFT contrast threshold; line art is high contrast, so a value a bit
 *                          below OpenCV's 0.04 keeps junctions of thin or grey lines
 * @param edgeThreshold     OpenCV SIFT edge threshold (rejects responses along straight strokes)
 * @param blurSigma         Gaussian blur applied before detection, in full-resolution pixels (0 = none);
 *                          it turns one-pixel strokes into ridges whose junctions and ends give stable
 *                          blob responses
 * @param octaveLayers      OpenCV SIFT layers per octave
 * @param sigma             OpenCV SIFT sigma of the first octave
 * @param onePerPixel       keep only the strongest keypoint of each detection pixel, as LightGlue's SIFT
 *                          extractor does. SIFT repeats a keypoint once per dominant orientation; on
 *                          line art most corners have several, and which one is strongest changes
 *                          from drawing to drawing, so the sparse matcher finds two to three times
 *                          more matches keeping them all (the default)
 */
public record SiftSettings(
        int maxFeatures,
        double downscale,
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
        return new SiftSettings(4096, 0.5, 0.03, 10, 2.0, 3, 1.6, false);
    }

    public SiftSettings withMaxFeatures(int value) {
        return new SiftSettings(value, downscale, contrastThreshold, edgeThreshold, blurSigma, octaveLayers, sigma, onePerPixel);
    }

    public SiftSettings withDownscale(double value) {
        return new SiftSettings(maxFeatures, value, contrastThreshold, edgeThreshold, blurSigma, octaveLayers, sigma, onePerPixel);
    }

    public SiftSettings withContrastThreshold(double value) {
        return new SiftSettings(maxFeatures, downscale, value, edgeThreshold, blurSigma, octaveLayers, sigma, onePerPixel);
    }

    public SiftSettings withOnePerPixel(boolean value) {
        return new SiftSettings(maxFeatures, downscale, contrastThreshold, edgeThreshold, blurSigma, octaveLayers, sigma, value);
    }

    public SiftSettings withBlurSigma(double value) {
        return new SiftSettings(maxFeatures, downscale, contrastThreshold, edgeThreshold, value, octaveLayers, sigma, onePerPixel);
    }
}
