package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.anidoc.core.regions.Regions;

class VoteSourceTest {
    private static final int W = SourceRegionsTest.W;
    private static final int H = SourceRegionsTest.H;
    private static final int LEFT_COLOR = 1;
    private static final int RIGHT_COLOR = 2;

    /** The target frame: its left half painted one color, its right half another. */
    private static short[] halves() {
        short[] index = new short[W * H];
        for (int i = 0; i < index.length; i++) {
            index[i] = (short) (i % W < W / 2 ? LEFT_COLOR : RIGHT_COLOR);
        }
        return index;
    }

    private static RegionVotes votesOf(VoteSource source, Regions drawing) {
        RegionVotes votes = new RegionVotes(drawing.count(), 3);
        source.addTo(votes, drawing, VoteGrid.of(drawing, 2));
        return votes;
    }

    @Test
    void aVoteWeighsAsSurelyAsTheTargetIsPaintedWhereItLands() {
        Regions drawing = SourceRegionsTest.regions(1, (x, y) -> 0);
        // the target's paint is sure on the left, a fifth as sure on the right
        byte[] certainty = new byte[W * H];
        for (int i = 0; i < certainty.length; i++) {
            certainty[i] = (byte) (i % W < W / 2 ? 255 : 51);
        }

        RegionVotes plain = votesOf(VoteSource.of(SourceRegionsTest.still(), W, H, halves(), 0.5, 1.0), drawing);
        RegionVotes weighed = votesOf(VoteSource.of(SourceRegionsTest.still(), W, H, halves(), certainty, 0.5, 1.0), drawing);

        assertThat(plain.get(0, RIGHT_COLOR)).isEqualTo(plain.get(0, LEFT_COLOR)).isPositive();
        assertThat(weighed.get(0, LEFT_COLOR)).as("a sure target votes as it would without certainties")
                .isEqualTo(plain.get(0, LEFT_COLOR));
        assertThat(weighed.get(0, RIGHT_COLOR)).isCloseTo(plain.get(0, RIGHT_COLOR) * 0.2, within(1e-3));
    }

    @Test
    void aTargetPaintedWithNoCertaintyCastsNoWeight() {
        Regions drawing = SourceRegionsTest.regions(1, (x, y) -> 0);

        RegionVotes votes = votesOf(VoteSource.of(SourceRegionsTest.still(), W, H, halves(), new byte[W * H], 0.5, 1.0),
                drawing);

        assertThat(votes.total(0)).isZero();
    }
}
