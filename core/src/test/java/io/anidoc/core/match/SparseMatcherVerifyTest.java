package io.anidoc.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/** Geometric verification of matches found by another matcher. */
class SparseMatcherVerifyTest {
    private static final int W = 480;
    private static final int H = 320;

    private final SiftExtractor extractor = new SiftExtractor();
    private final SparseMatcher matcher = new SparseMatcher();

    @Test
    void keepsTheMatchesOfTheMotionAndDropsTheOutliers() {
        Mat image = LineArtFixtures.drawing(W, H, 31);
        double[] motion = LineArtFixtures.similarity(6, 1.0, W / 2.0, H / 2.0, -12, 7);
        KeyPoints a = extractor.extract(image);
        KeyPoints b = extractor.extract(LineArtFixtures.warp(image, motion));

        // candidates as a learned matcher would give them: each keypoint's nearest neighbour where it
        // lies within 1.5 pixels of the true position, every fifth keypoint paired with a wrong one
        List<int[]> pairs = new ArrayList<>();
        int wrong = 0;
        for (int i = 0; i < a.size(); i++) {
            double[] p = LineArtFixtures.apply(motion, a.x(i), a.y(i));
            int best = -1;
            double bestDistance = 1.5;
            for (int j = 0; j < b.size(); j++) {
                double d = Math.hypot(b.x(j) - p[0], b.y(j) - p[1]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = j;
                }
            }
            if (i % 5 == 0) {
                pairs.add(new int[] {i, (i * 7 + 3) % b.size()});
                wrong++;
            } else if (best >= 0) {
                pairs.add(new int[] {i, best});
            }
        }
        int[] from = pairs.stream().mapToInt(p -> p[0]).toArray();
        int[] to = pairs.stream().mapToInt(p -> p[1]).toArray();
        float[] score = new float[pairs.size()];
        for (int k = 0; k < score.length; k++) {
            score[k] = 0.5f + 0.4f * (k % 2);
        }
        assertThat(wrong).isGreaterThan(10);
        // SIFT repeats a keypoint once per orientation: count the distinct true point pairs
        java.util.Set<List<Float>> truePairs = new java.util.HashSet<>();
        for (int[] p : pairs) {
            if (p[0] % 5 != 0) {
                truePairs.add(List.of(a.x(p[0]), a.y(p[0]), b.x(p[1]), b.y(p[1])));
            }
        }

        PairMatches m = matcher.verify(2, a, 5, b, from, to, score);

        assertThat(m.fromFrame()).isEqualTo(2);
        assertThat(m.toFrame()).isEqualTo(5);
        assertThat(m.size()).isBetween(truePairs.size() - 2, truePairs.size() + 2);
        double[] center = m.mapFrom(W / 2.0, H / 2.0);
        double[] expected = LineArtFixtures.apply(motion, W / 2.0, H / 2.0);
        assertThat(center[0]).isCloseTo(expected[0], within(1.0));
        assertThat(center[1]).isCloseTo(expected[1], within(1.0));
        for (int k = 0; k < m.size(); k++) {
            double[] p = LineArtFixtures.apply(motion, m.fromXy()[2 * k], m.fromXy()[2 * k + 1]);
            assertThat(Math.hypot(p[0] - m.toXy()[2 * k], p[1] - m.toXy()[2 * k + 1]))
                    .isLessThanOrEqualTo(MatchSettings.defaults().ransacThresholdPx() + 0.5);
            // the other matcher's scores are kept
            assertThat(m.score()[k]).isIn(0.5f, 0.9f);
        }
    }

    @Test
    void tooFewCandidatesGiveNoMatches() {
        KeyPoints a = extractor.extract(LineArtFixtures.drawing(W, H, 32));
        PairMatches m = matcher.verify(0, a, 1, a, new int[] {0, 1, 2}, new int[] {0, 1, 2}, new float[] {1, 1, 1});
        assertThat(m.isEmpty()).isTrue();
        assertThat(m.affine()).isNull();
    }

    @Test
    void refusesCandidatesThatDoNotFitTheKeypoints() {
        KeyPoints a = extractor.extract(LineArtFixtures.drawing(W, H, 33));
        int n = a.size();
        assertThatThrownBy(() -> matcher.verify(0, a, 1, a, new int[] {0, n}, new int[] {0, 1}, new float[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("candidate 1 pairs keypoint " + n + " with 1, outside " + n + " and " + n + " keypoints");
        assertThatThrownBy(() -> matcher.verify(0, a, 1, a, new int[] {3, 2}, new int[] {0, 1}, new float[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("candidates must be ordered by their first keypoint, each once");
        assertThatThrownBy(() -> matcher.verify(0, a, 1, a, new int[] {0}, new int[] {0}, new float[] {1.5f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("candidate 0 has score 1.5, outside [0, 1]");
        assertThatThrownBy(() -> matcher.verify(0, a, 1, a, new int[] {0}, new int[] {0, 1}, new float[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inconsistent candidate arrays: fromIndex 1, toIndex 2, score 1");
    }
}
