package io.anidoc.core.lineart;

/**
 * Thresholds of line art normalization. Strengths are 0..255 after the paper has been normalized to
 * white: main-line strength is how dark a pixel is (255 - brightest channel), trace strength is its
 * chroma (brightest minus darkest channel). Ink is grown from strong seeds into weak neighbours
 * (hysteresis), and small ink components (dust, speckles) are removed.
 *
 * @param mainWeak      darkness a pixel needs to be main-line ink when connected to a strong pixel
 * @param mainStrong    darkness that seeds a main-line component
 * @param traceWeak     chroma a pixel needs to be trace ink when connected to a strong pixel
 * @param traceStrong   chroma that seeds a trace component
 * @param minInkArea    smallest kept ink component, in pixels per megapixel of image area
 * @param minSpeckArea  smallest kept ink component in pixels at any resolution (scan dust has a fixed size)
 * @param paperWindow   window (pixels at 1000 px image width) over which the paper brightness is estimated
 */
public record LineArtSettings(int mainWeak, int mainStrong, int traceWeak, int traceStrong, double minInkArea,
                              double minSpeckArea, int paperWindow) {

    public LineArtSettings {
        if (mainWeak < 1 || mainWeak > mainStrong || mainStrong > 255) {
            throw new IllegalArgumentException("need 1 <= mainWeak <= mainStrong <= 255");
        }
        if (traceWeak < 1 || traceWeak > traceStrong || traceStrong > 255) {
            throw new IllegalArgumentException("need 1 <= traceWeak <= traceStrong <= 255");
        }
        if (minInkArea < 0 || minSpeckArea < 0 || paperWindow < 3) {
            throw new IllegalArgumentException("minInkArea and minSpeckArea must be >= 0 and paperWindow >= 3");
        }
    }

    public static LineArtSettings defaults() {
        return new LineArtSettings(60, 120, 45, 90, 8.0, 12.0, 41);
    }
}
