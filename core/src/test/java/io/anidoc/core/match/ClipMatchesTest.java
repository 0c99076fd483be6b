package io.anidoc.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClipMatchesTest {

    private static PairMatches sample(int from, int to, int n, double[] affine) {
        float[] fromXy = new float[2 * n];
        float[] toXy = new float[2 * n];
        float[] score = new float[n];
        for (int i = 0; i < n; i++) {
            fromXy[2 * i] = 10.25f * i;
            fromXy[2 * i + 1] = 3.5f * i + 1;
            double[] p = LineArtFixtures.apply(affine, fromXy[2 * i], fromXy[2 * i + 1]);
            toXy[2 * i] = (float) p[0];
            toXy[2 * i + 1] = (float) p[1];
            score[i] = 0.2f + 0.01f * i;
        }
        return new PairMatches(from, to, fromXy, toXy, score, affine);
    }

    private static ClipMatches clip() {
        return new ClipMatches(List.of(
                sample(0, 1, 5, new double[] {0.98, 0.17, 12.5, -0.17, 0.98, -4.25}),
                PairMatches.empty(0, 2),
                sample(1, 2, 3, LineArtFixtures.translation(6, -2))));
    }

    @Test
    void equalMatchesAreEqualValueForValue() {
        assertThat(clip()).isEqualTo(clip()).hasSameHashCodeAs(clip());
        ClipMatches shifted = new ClipMatches(List.of(sample(0, 1, 5, LineArtFixtures.translation(6, -1))));
        assertThat(shifted).isNotEqualTo(clip());
    }

    @Test
    void betweenGivesTheReverseDirectionOfAStoredPair() {
        ClipMatches clip = clip();
        PairMatches forward = clip.between(0, 1);

        PairMatches backward = clip.between(1, 0);

        assertThat(backward.fromFrame()).isEqualTo(1);
        assertThat(backward.toFrame()).isEqualTo(0);
        assertThat(backward.fromXy()).containsExactly(forward.toXy());
        assertThat(backward.toXy()).containsExactly(forward.fromXy());
        double[] there = forward.mapFrom(100, 50);
        double[] back = backward.mapFrom(there[0], there[1]);
        assertThat(back[0]).isCloseTo(100, within(1e-9));
        assertThat(back[1]).isCloseTo(50, within(1e-9));
        assertThat(clip.between(0, 5)).isNull();
        assertThat(clip.between(2, 0).isEmpty()).isTrue();
    }

    @Test
    void rejectsDuplicatePairsAndInconsistentArrays() {
        assertThatThrownBy(() -> new ClipMatches(List.of(PairMatches.empty(0, 1), PairMatches.empty(0, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate frame pair 0 -> 1");
        assertThatThrownBy(() -> new PairMatches(0, 1, new float[4], new float[2], new float[2], new double[6]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inconsistent");
    }
}
