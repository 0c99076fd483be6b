package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.anidoc.core.regions.Regions;

class ChainStepTest {
    private static final int W = SourceRegionsTest.W;
    private static final int H = SourceRegionsTest.H;
    private static final int PAPER = 0;
    private static final int LEAF = 1;
    private static final int DANGO = 2;

    /** Paper around one 10x10 shape (region 1). */
    private final Regions regions = SourceRegionsTest.regions(2, (x, y) -> x >= 5 && x < 15 && y >= 5 && y < 15 ? 1 : 0);

    /** A chain that paints region 1 with {@code color}, {@code share} of its votes agreeing, its reference's own votes weighing {@code direct}. */
    private ChainStep chain(int reference, int distance, int color, double share, double direct) {
        RegionVotes votes = new RegionVotes(2, 3);
        votes.add(0, PAPER, 100);
        votes.add(1, color, 100 * share);
        votes.add(1, color == LEAF ? DANGO : LEAF, 100 * (1 - share));
        short[] fill = new short[W * H];
        for (int i = 0; i < fill.length; i++) {
            fill[i] = (short) (regions.labels()[i] == 1 ? color : PAPER);
        }
        return new ChainStep(reference, distance, votes, fill, null, new double[] {100, direct});
    }

    @Test
    void aChainThatOnlyPassesOnItsPreviousColorDoesNotOutvoteTheChainWhoseReferenceShowsTheRegion() {
        // the first keyframe does not show the object: its chain agrees fully with the color its
        // previous drawing took, while the last keyframe's own correspondence sees the object
        ChainStep fromFirst = chain(0, 5, LEAF, 1.0, 10);
        ChainStep fromLast = chain(8, 3, DANGO, 0.9, 100);

        ChainStep.Merged merged = ChainStep.merge(List.of(fromFirst, fromLast), regions);

        assertThat(merged.choice()[1]).isEqualTo(1);
        assertThat(merged.fill()[10 * W + 10]).isEqualTo((short) DANGO);
        assertThat(merged.confidence()[1]).as("not lowered by a chain that does not see the region")
                .isEqualTo((int) Math.round(255 * 0.9));
    }

    @Test
    void whenBothReferencesShowTheRegionTheMoreAgreedChainWinsAndTheDisagreementLowersIt() {
        ChainStep fromFirst = chain(0, 5, LEAF, 0.95, 80);
        ChainStep fromLast = chain(8, 3, DANGO, 0.9, 100);

        ChainStep.Merged merged = ChainStep.merge(List.of(fromFirst, fromLast), regions);

        // 0.95 x sqrt(0.8) = 0.85 against 0.9
        assertThat(merged.choice()[1]).isEqualTo(1);
        assertThat(merged.confidence()[1]).isEqualTo((int) Math.round(255 * 0.9 * 0.5));

        ChainStep surer = chain(0, 5, LEAF, 1.0, 90);
        assertThat(ChainStep.merge(List.of(surer, fromLast), regions).choice()[1])
                .as("1.0 x sqrt(0.9) = 0.95 against 0.9").isEqualTo(0);
    }

    @Test
    void chainsThatElectTheSameColorAreRankedByAgreementAlone() {
        ChainStep fromFirst = chain(0, 5, DANGO, 1.0, 10);
        ChainStep fromLast = chain(8, 3, DANGO, 0.9, 100);

        ChainStep.Merged merged = ChainStep.merge(List.of(fromFirst, fromLast), regions);

        assertThat(merged.choice()[1]).isEqualTo(0);
        assertThat(merged.confidence()[1]).isEqualTo(255);
    }

    @Test
    void certaintyIsTheWinningShareOfEachPixelsRegionRaisedToThePower() {
        ChainStep step = chain(0, 1, LEAF, 0.8, 100);

        byte[] squared = step.certainty(regions, 2);
        byte[] linear = step.certainty(regions, 1);

        assertThat(squared[10 * W + 10] & 0xff).as("0.8 squared").isEqualTo((int) Math.round(255 * 0.64));
        assertThat(linear[10 * W + 10] & 0xff).isEqualTo((int) Math.round(255 * 0.8));
        assertThat(squared[0] & 0xff).as("the paper: every vote agreed").isEqualTo(255);
    }

    @Test
    void aRegionSplitAlongALineIsAsSureAsItsVotesAgreeWithItsParts() {
        // region 1 is split: its left half painted leaf, its right half dango; 55% of its votes name
        // leaf, 40% dango and 5% paper
        RegionVotes votes = new RegionVotes(2, 3);
        votes.add(0, PAPER, 100);
        votes.add(1, LEAF, 55);
        votes.add(1, DANGO, 40);
        votes.add(1, PAPER, 5);
        short[] fill = new short[W * H];
        for (int i = 0; i < fill.length; i++) {
            fill[i] = (short) (regions.labels()[i] != 1 ? PAPER : i % W < 10 ? LEAF : DANGO);
        }
        ChainStep split = new ChainStep(0, 1, votes, fill, null, new double[] {100, 100});

        ChainStep.Merged merged = ChainStep.merge(List.of(split), regions);

        assertThat(merged.confidence()[1]).as("the votes for both of its colors").isEqualTo((int) Math.round(255 * 0.95));
        assertThat(split.share(1)).as("the winner alone").isEqualTo(0.55);

        short[] whole = new short[W * H];
        for (int i = 0; i < whole.length; i++) {
            whole[i] = (short) (regions.labels()[i] == 1 ? LEAF : PAPER);
        }
        ChainStep unsplit = new ChainStep(0, 1, votes, whole, null, new double[] {100, 100});
        assertThat(ChainStep.merge(List.of(unsplit), regions).confidence()[1])
                .as("painted one color, the other votes are doubt").isEqualTo((int) Math.round(255 * 0.55));
    }
}
