package io.anidoc.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

class SparseMatcherTest {
    private static final int W = 480;
    private static final int H = 320;

    private final SiftExtractor extractor = new SiftExtractor();
    private final SparseMatcher matcher = new SparseMatcher();

    @Test
    void recoversAKnownRotationAndShift() {
        Mat image = LineArtFixtures.drawing(W, H, 21);
        double[] motion = LineArtFixtures.similarity(10, 1.0, W / 2.0, H / 2.0, 15, -10);
        KeyPoints a = extractor.extract(image);
        KeyPoints b = extractor.extract(LineArtFixtures.warp(image, motion));

        PairMatches m = matcher.match(3, a, 4, b);

        assertThat(m.fromFrame()).isEqualTo(3);
        assertThat(m.toFrame()).isEqualTo(4);
        assertThat(m.size()).isGreaterThan(30);
        assertThat(m.affine()).isNotNull();
        for (int k : new int[] {0, 1, 3, 4}) {
            assertThat(m.affine()[k]).as("linear part %d", k).isCloseTo(motion[k], within(0.01));
        }
        // compare where the model sends the image center: the translation alone mixes with the rotation
        double[] center = m.mapFrom(W / 2.0, H / 2.0);
        double[] expected = LineArtFixtures.apply(motion, W / 2.0, H / 2.0);
        assertThat(center[0]).isCloseTo(expected[0], within(1.0));
        assertThat(center[1]).isCloseTo(expected[1], within(1.0));
        assertConsistentWith(m, motion, MatchSettings.defaults().ransacThresholdPx() + 0.5);
    }

    @Test
    void recoversAScaledCopy() {
        Mat image = LineArtFixtures.drawing(W, H, 22);
        double[] motion = LineArtFixtures.similarity(0, 1.15, W / 2.0, H / 2.0, 0, 0);
        KeyPoints a = extractor.extract(image);
        KeyPoints b = extractor.extract(LineArtFixtures.warp(image, motion));

        PairMatches m = matcher.match(0, a, 1, b);

        assertThat(m.size()).isGreaterThan(15);
        assertThat(m.affine()[0]).isCloseTo(1.15, within(0.02));
        assertThat(m.affine()[4]).isCloseTo(1.15, within(0.02));
        assertConsistentWith(m, motion, MatchSettings.defaults().ransacThresholdPx() + 0.5);
    }

    @Test
    void unrelatedDrawingsHaveNoVerifiedMatches() {
        KeyPoints a = extractor.extract(LineArtFixtures.drawing(W, H, 23));
        KeyPoints b = extractor.extract(LineArtFixtures.drawing(W, H, 24));

        PairMatches m = matcher.match(0, a, 1, b);

        assertThat(a.size()).isGreaterThan(50);
        assertThat(b.size()).isGreaterThan(50);
        assertThat(m.size()).isLessThanOrEqualTo(3);
        if (m.isEmpty()) {
            assertThat(m.affine()).isNull();
        }
    }

    @Test
    void mutualCheckAndRatioTestEachRemoveCandidates() {
        Mat image = LineArtFixtures.drawing(W, H, 25);
        // a different drawing over part of the sheet leaves keypoints without a true partner
        Mat clutter = LineArtFixtures.drawing(W, H, 26, new Rect(0, 0, W / 2, H));
        Mat other = LineArtFixtures.overlay(LineArtFixtures.warp(image, LineArtFixtures.translation(6, 4)), clutter);
        KeyPoints a = extractor.extract(image);
        KeyPoints b = extractor.extract(other);
        MatchSettings plain = MatchSettings.defaults().withRatio(1.0).withMutual(false);

        SparseMatcher.Candidates nearestOnly = new SparseMatcher(plain).candidates(a, b);
        SparseMatcher.Candidates mutualOnly = new SparseMatcher(plain.withMutual(true)).candidates(a, b);
        SparseMatcher.Candidates ratioOnly = new SparseMatcher(plain.withRatio(0.8)).candidates(a, b);
        SparseMatcher.Candidates both = new SparseMatcher(MatchSettings.defaults()).candidates(a, b);

        assertThat(nearestOnly.size()).isLessThanOrEqualTo(a.size()).isGreaterThan(a.size() / 2);
        assertThat(mutualOnly.size()).isLessThan(nearestOnly.size());
        assertThat(ratioOnly.size()).isLessThan(nearestOnly.size());
        assertThat(both.size()).isLessThan(mutualOnly.size()).isLessThanOrEqualTo(ratioOnly.size()).isPositive();
        Set<Integer> targets = new HashSet<>();
        for (int j : mutualOnly.toIndex()) {
            assertThat(targets.add(j)).as("mutual matches are one to one").isTrue();
        }
        for (float r : both.ratio()) {
            assertThat(r).isLessThan(0.8f);
        }
    }

    @Test
    void candidatesAreTheSameInBothDirections() {
        Mat image = LineArtFixtures.drawing(W, H, 27);
        KeyPoints a = extractor.extract(image);
        KeyPoints b = extractor.extract(LineArtFixtures.warp(image, LineArtFixtures.similarity(5, 1.0, 200, 150, 8, 3)));

        SparseMatcher.Candidates forward = matcher.candidates(a, b);
        SparseMatcher.Candidates backward = matcher.candidates(b, a);

        Set<Long> there = new HashSet<>();
        for (int k = 0; k < forward.size(); k++) {
            there.add(((long) forward.fromIndex()[k] << 32) | forward.toIndex()[k]);
        }
        Set<Long> back = new HashSet<>();
        for (int k = 0; k < backward.size(); k++) {
            back.add(((long) backward.toIndex()[k] << 32) | backward.fromIndex()[k]);
        }
        assertThat(forward.size()).isGreaterThan(20);
        assertThat(back).isEqualTo(there);
    }

    @Test
    void partsMovingApartAreKeptAsSeparateMotions() {
        Rect left = new Rect(10, 20, 210, 280);
        Rect right = new Rect(260, 20, 210, 280);
        Mat leftPart = LineArtFixtures.drawing(W, H, 28, left);
        Mat rightPart = LineArtFixtures.drawing(W, H, 29, right);
        double[] leftMotion = LineArtFixtures.translation(-8, 5);
        double[] rightMotion = LineArtFixtures.similarity(8, 1.0, 365, 160, 6, -4);
        KeyPoints a = extractor.extract(LineArtFixtures.overlay(leftPart, rightPart));
        KeyPoints b = extractor.extract(LineArtFixtures.overlay(
                LineArtFixtures.warp(leftPart, leftMotion), LineArtFixtures.warp(rightPart, rightMotion)));

        PairMatches everyPart = matcher.match(0, a, 1, b);
        PairMatches dominantOnly = new SparseMatcher(MatchSettings.defaults().withMaxModels(1)).match(0, a, 1, b);

        int[] perSide = countPerSide(everyPart, leftMotion, rightMotion);
        assertThat(perSide[0]).as("left part matches").isGreaterThanOrEqualTo(8);
        assertThat(perSide[1]).as("right part matches").isGreaterThanOrEqualTo(8);
        assertThat(perSide[2]).as("matches that fit neither motion").isZero();
        int[] dominant = countPerSide(dominantOnly, leftMotion, rightMotion);
        // a refined affine may take in a stray point of the other part, but not the part
        assertThat(Math.min(dominant[0], dominant[1])).as("one motion only").isLessThanOrEqualTo(2);
        assertThat(dominantOnly.size()).isLessThan(everyPart.size());
    }

    @Test
    void tooFewMatchesGiveAnEmptyResultWithoutModel() {
        KeyPoints a = extractor.extract(LineArtFixtures.drawing(W, H, 30));

        PairMatches none = matcher.match(0, a, 1, KeyPoints.empty(W, H));
        PairMatches fromNothing = matcher.match(1, KeyPoints.empty(W, H), 0, a);

        assertThat(none.size()).isZero();
        assertThat(none.affine()).isNull();
        assertThat(none.fromFrame()).isEqualTo(0);
        assertThat(fromNothing.isEmpty()).isTrue();
        assertThatThrownBy(() -> matcher.match(0, a, 1, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scoresAreOneMinusTheRatio() {
        Mat image = LineArtFixtures.drawing(W, H, 31);
        KeyPoints a = extractor.extract(image);
        KeyPoints b = extractor.extract(LineArtFixtures.warp(image, LineArtFixtures.translation(12, 7)));

        PairMatches m = matcher.match(0, a, 1, b);

        assertThat(m.size()).isGreaterThan(20);
        float ratioLimit = (float) MatchSettings.defaults().ratio();
        for (float s : m.score()) {
            assertThat(s).isGreaterThan(1 - ratioLimit).isLessThanOrEqualTo(1f);
        }
    }

    private static void assertConsistentWith(PairMatches m, double[] motion, double tolerance) {
        for (int i = 0; i < m.size(); i++) {
            double[] p = LineArtFixtures.apply(motion, m.fromXy()[2 * i], m.fromXy()[2 * i + 1]);
            assertThat(Math.hypot(p[0] - m.toXy()[2 * i], p[1] - m.toXy()[2 * i + 1]))
                    .as("match %d lands where the motion sends it", i).isLessThanOrEqualTo(tolerance);
        }
    }

    /** [fits left motion and starts left, fits right motion and starts right, fits neither]. */
    private static int[] countPerSide(PairMatches m, double[] leftMotion, double[] rightMotion) {
        int[] counts = new int[3];
        double tolerance = MatchSettings.defaults().ransacThresholdPx() + 0.5;
        for (int i = 0; i < m.size(); i++) {
            double x = m.fromXy()[2 * i];
            double y = m.fromXy()[2 * i + 1];
            double[] target = {m.toXy()[2 * i], m.toXy()[2 * i + 1]};
            double[] viaLeft = LineArtFixtures.apply(leftMotion, x, y);
            double[] viaRight = LineArtFixtures.apply(rightMotion, x, y);
            if (x < W / 2.0 && Math.hypot(viaLeft[0] - target[0], viaLeft[1] - target[1]) <= tolerance) {
                counts[0]++;
            } else if (x >= W / 2.0 && Math.hypot(viaRight[0] - target[0], viaRight[1] - target[1]) <= tolerance) {
                counts[1]++;
            } else {
                counts[2]++;
            }
        }
        return counts;
    }
}
