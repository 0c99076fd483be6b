package io.anidoc.core.match;

import java.util.Arrays;

/**
 * Verified point matches from one frame to another, in full-resolution pixels.
 *
 * <p>Arrays are shared, not copied: treat them as read-only.
 *
 * @param fromFrame frame index of the first image
 * @param toFrame   frame index of the second image
 * @param fromXy    x0, y0, x1, y1, ... in the first image
 * @param toXy      the matching points in the second image, same layout
 * @param score     per match confidence in [0, 1] (1 - Lowe ratio)
 * @param affine    dominant motion from the first image to the second, 2x3 row-major
 *                  {@code [a, b, tx, c, d, ty]} ({@code x' = a x + b y + tx}), or null when no motion
 *                  could be verified (then there are no matches either)
 */
public record PairMatches(int fromFrame, int toFrame, float[] fromXy, float[] toXy, float[] score, double[] affine) {

    public PairMatches {
        if (fromXy == null || toXy == null || score == null) {
            throw new IllegalArgumentException("match arrays must not be null");
        }
        int n = score.length;
        if (fromXy.length != 2 * n || toXy.length != 2 * n) {
            throw new IllegalArgumentException("inconsistent match arrays: fromXy " + fromXy.length + ", toXy "
                    + toXy.length + ", score " + n + " (expected 2N, 2N, N)");
        }
        if (affine != null && affine.length != 6) {
            throw new IllegalArgumentException("affine must hold 6 values (2x3 row-major), got " + affine.length);
        }
        if (affine == null && n > 0) {
            throw new IllegalArgumentException("matches without a verified affine model");
        }
    }

    /** A valid result with no verified matches. */
    public static PairMatches empty(int fromFrame, int toFrame) {
        return new PairMatches(fromFrame, toFrame, new float[0], new float[0], new float[0], null);
    }

    public int size() {
        return score.length;
    }

    public boolean isEmpty() {
        return score.length == 0;
    }

    /** The same matches seen from the other frame: points swapped, affine inverted. */
    public PairMatches inverse() {
        return new PairMatches(toFrame, fromFrame, toXy, fromXy, score, affine == null ? null : invertAffine(affine));
    }

    /** Maps a point of the first image through {@link #affine()}; requires a model. */
    public double[] mapFrom(double x, double y) {
        if (affine == null) {
            throw new IllegalStateException("no affine model between frames " + fromFrame + " and " + toFrame);
        }
        return new double[] {affine[0] * x + affine[1] * y + affine[2], affine[3] * x + affine[4] * y + affine[5]};
    }

    static double[] invertAffine(double[] m) {
        double det = m[0] * m[4] - m[1] * m[3];
        if (det == 0 || !Double.isFinite(det)) {
            throw new IllegalArgumentException("affine model is singular");
        }
        double a = m[4] / det;
        double b = -m[1] / det;
        double c = -m[3] / det;
        double d = m[0] / det;
        return new double[] {a, b, -(a * m[2] + b * m[5]), c, d, -(c * m[2] + d * m[5])};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PairMatches p && fromFrame == p.fromFrame && toFrame == p.toFrame
                && Arrays.equals(fromXy, p.fromXy) && Arrays.equals(toXy, p.toXy)
                && Arrays.equals(score, p.score) && Arrays.equals(affine, p.affine);
    }

    @Override
    public int hashCode() {
        int h = 31 * fromFrame + toFrame;
        h = 31 * h + Arrays.hashCode(fromXy);
        h = 31 * h + Arrays.hashCode(toXy);
        h = 31 * h + Arrays.hashCode(score);
        return 31 * h + Arrays.hashCode(affine);
    }

    @Override
    public String toString() {
        return "PairMatches[" + fromFrame + "->" + toFrame + ", n=" + size() + ", affine="
                + (affine == null ? "none" : Arrays.toString(affine)) + "]";
    }
}
