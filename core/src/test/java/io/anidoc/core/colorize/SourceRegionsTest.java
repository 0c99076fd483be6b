package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.IntBinaryOperator;

import org.junit.jupiter.api.Test;

import io.anidoc.core.flow.FlowField;
import io.anidoc.core.regions.Regions;

class SourceRegionsTest {
    static final int W = 40;
    static final int H = 20;

    /** Regions given by a label function, every pixel its own region's (no ink). */
    static Regions regions(int count, IntBinaryOperator label) {
        return TestRegions.of(W, H, count, label);
    }

    static FlowField still() {
        int n = (W / 4) * (H / 4);
        return new FlowField(1, 0, W / 4, H / 4, new short[n], new short[n], new byte[n]);
    }

    @Test
    void measuresWhereEachRegionLandsAndHowItsSizeChanged() {
        // the drawing: left and right halves; the reference: the left half cut across, the right cut at x = 35
        Regions drawing = regions(2, (x, y) -> x < 20 ? 0 : 1);
        Regions reference = regions(4, (x, y) -> x < 20 ? (y < 10 ? 0 : 1) : x < 35 ? 2 : 3);
        VoteSource lookup = VoteSource.of(still(), W, H, SourceRegions.labelTarget(reference), 1.0, 0.0);

        SourceRegions landing = SourceRegions.of(drawing, reference, lookup);

        // samples every 4th pixel from 2: left rows 2, 6 | 10, 14, 18 -> 3 of 5 in the lower part
        assertThat(landing.source()).containsExactly(1, 2);
        assertThat(landing.coherence()[0]).isCloseTo(0.6f, within(1e-6f));
        assertThat(landing.areaRatio()[0]).isCloseTo(400f / 200f, within(1e-6f));
        // right columns 22, 26, 30, 34 | 38 -> 4 of 5 in the wide part
        assertThat(landing.coherence()[1]).isCloseTo(0.8f, within(1e-6f));
        assertThat(landing.areaRatio()[1]).isCloseTo(400f / 300f, within(1e-6f));
    }

    @Test
    void aLargeRegionLandsOnItsSparserGrid() {
        Regions drawing = regions(2, (x, y) -> x < 20 ? 0 : 1);
        Regions reference = regions(4, (x, y) -> x < 20 ? (y < 10 ? 0 : 1) : x < 35 ? 2 : 3);
        VoteSource lookup = VoteSource.of(still(), W, H, SourceRegions.labelTarget(reference), 1.0, 0.0);
        // each half has 25 samples on the grid of every 4th pixel; on every 8th the left has 9 and the right 6,
        // on every 16th 4 and 2: both land on every 8th
        VoteGrid grid = VoteGrid.of(drawing, SourceRegions.STRIDE, 6);
        assertThat(grid.multiple()).containsExactly(2, 2);

        SourceRegions landing = SourceRegions.of(drawing, reference, lookup, grid);

        // left: columns 2, 10, 18 of rows 2 | 10, 18 -> 6 of 9 in the lower part
        assertThat(landing.source()).containsExactly(1, 2);
        assertThat(landing.coherence()[0]).isCloseTo(6f / 9f, within(1e-6f));
        // right: columns 26 and 34 of rows 2, 10, 18, all in the wide part
        assertThat(landing.coherence()[1]).isEqualTo(1f);
        assertThat(landing.areaRatio()[0]).isCloseTo(400f / 200f, within(1e-6f));
    }

    @Test
    void aRegionLandingEvenlyInTwoTakesTheLowerLabel() {
        // one drawing region over a reference split in half, the higher label on the left
        Regions drawing = regions(1, (x, y) -> 0);
        Regions reference = regions(3, (x, y) -> x < 20 ? 2 : 1);
        VoteSource lookup = VoteSource.of(still(), W, H, SourceRegions.labelTarget(reference), 1.0, 0.0);

        SourceRegions landing = SourceRegions.of(drawing, reference, lookup);

        // columns 2 .. 18 and 22 .. 38: five samples a row on each side
        assertThat(landing.source()).containsExactly(1);
        assertThat(landing.coherence()[0]).isEqualTo(0.5f);
    }

    @Test
    void aRegionTheGridMissesIsSampledAtEveryPixel() {
        // a one-pixel-wide column at x = 0, which the grid (columns 2, 6, ...) never hits
        Regions drawing = regions(2, (x, y) -> x == 0 ? 1 : 0);
        Regions reference = regions(2, (x, y) -> x < 1 ? 1 : 0);
        VoteSource lookup = VoteSource.of(still(), W, H, SourceRegions.labelTarget(reference), 1.0, 0.0);

        SourceRegions landing = SourceRegions.of(drawing, reference, lookup);

        assertThat(landing.source()[1]).isEqualTo(1);
        assertThat(landing.coherence()[1]).isEqualTo(1f);
        assertThat(landing.areaRatio()[1]).isEqualTo(1f);
    }

    @Test
    void aGridFoundBeforeGivesTheSameLandingAndOnlyAtItsStride() {
        Regions drawing = regions(2, (x, y) -> x == 0 ? 1 : 0);
        Regions reference = regions(2, (x, y) -> x < 1 ? 1 : 0);
        VoteSource lookup = VoteSource.of(still(), W, H, SourceRegions.labelTarget(reference), 1.0, 0.0);

        SourceRegions landing = SourceRegions.of(drawing, reference, lookup,
                VoteGrid.of(drawing, SourceRegions.STRIDE));

        assertThat(landing).usingRecursiveComparison().isEqualTo(SourceRegions.of(drawing, reference, lookup));
        assertThatThrownBy(() -> SourceRegions.of(drawing, reference, lookup, VoteGrid.of(drawing, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every 4 pixels, not 2");
    }
}
