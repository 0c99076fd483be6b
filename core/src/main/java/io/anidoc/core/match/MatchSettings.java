package io.anidoc.core.match;

/**
 * Settings of {@link SparseMatcher}.
 *
 * @param ratio              Lowe ratio: a match is kept when its nearest neighbour is closer than
 *                           {@code ratio} times the second nearest (1 disables the test)
 * @param mutual             keep a match only when each keypoint is the other's nearest neighbour
 * @param ransacThresholdPx  RANSAC reprojection threshold in full-resolution pixels
 * @param ransacIterations   RANSAC iterations per model
 * @param ransacConfidence   RANSAC confidence in (0, 1)
 * @param minInliers         fewest inliers a motion model needs to be accepted; below that a pair has
 *                           no verified matches
 * @param maxModels          affine motions searched one after the other: 1 keeps only the dominant
 *                           motion; more also keep parts that move on their own (an arm, a head) as
 *                           long as each has {@code minInliers} consistent matches
 * @param maxScaleChange     a model whose singular values leave [1/maxScaleChange, maxScaleChange], or
 *                           that mirrors the image, is rejected as implausible
 */
public record MatchSettings(
        double ratio,
        boolean mutual,
        double ransacThresholdPx,
        int ransacIterations,
        double ransacConfidence,
        int minInliers,
        int maxModels,
        double maxScaleChange) {

    public MatchSettings {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio must be in (0, 1], got " + ratio);
        }
        if (!(ransacThresholdPx > 0) || !Double.isFinite(ransacThresholdPx)) {
            throw new IllegalArgumentException("ransacThresholdPx must be a finite value > 0, got " + ransacThresholdPx);
        }
        if (ransacIterations < 1) {
            throw new IllegalArgumentException("ransacIterations must be at least 1, got " + ransacIterations);
        }
        if (!(ransacConfidence > 0 && ransacConfidence < 1)) {
            throw new IllegalArgumentException("ransacConfidence must be in (0, 1), got " + ransacConfidence);
        }
        if (minInliers < 3) {
            throw new IllegalArgumentException("minInliers must be at least 3 (an affine needs 3 points), got " + minInliers);
        }
        if (maxModels < 1) {
            throw new IllegalArgumentException("maxModels must be at least 1, got " + maxModels);
        }
        if (!(maxScaleChange >= 1) || !Double.isFinite(maxScaleChange)) {
            throw new IllegalArgumentException("maxScaleChange must be a finite value >= 1, got " + maxScaleChange);
        }
    }

    public static MatchSettings defaults() {
        return new MatchSettings(0.8, true, 3.0, 2000, 0.995, 8, 4, 4.0);
    }

    public MatchSettings withRatio(double value) {
        return new MatchSettings(value, mutual, ransacThresholdPx, ransacIterations, ransacConfidence, minInliers, maxModels, maxScaleChange);
    }

    public MatchSettings withMutual(boolean value) {
        return new MatchSettings(ratio, value, ransacThresholdPx, ransacIterations, ransacConfidence, minInliers, maxModels, maxScaleChange);
    }

    public MatchSettings withMaxModels(int value) {
        return new MatchSettings(ratio, mutual, ransacThresholdPx, ransacIterations, ransacConfidence, minInliers, value, maxScaleChange);
    }

    public MatchSettings withRansacThresholdPx(double value) {
        return new MatchSettings(ratio, mutual, value, ransacIterations, ransacConfidence, minInliers, maxModels, maxScaleChange);
    }
}
