package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.anidoc.core.image.OpenCv;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.regions.Regions;

class ConfidenceLayerTest {
    static final int W = SourceRegionsTest.W;
    static final int H = SourceRegionsTest.H;

    /** Paper around two 10x10 shapes: one that kept its shape, one that did not. */
    static int label(int x, int y) {
        if (x >= 22 && x < 32 && y >= 2 && y < 12) {
            return 1;
        }
        if (x >= 5 && x < 15 && y >= 5 && y < 15) {
            return 2;
        }
        return 0;
    }

    /** Votes for paper (color 0) in region 0 and for color 1 in both shapes. */
    static RegionVotes paperAndShapeVotes(int colors) {
        RegionVotes votes = new RegionVotes(3, colors);
        votes.add(0, 0, 100);
        votes.add(1, 1, 100);
        votes.add(2, 1, 100);
        return votes;
    }

    /** Paper painted 0, both shapes painted 1. */
    static short[] paperAndShapes(Regions regions) {
        short[] fill = new short[W * H];
        for (int i = 0; i < fill.length; i++) {
            fill[i] = (short) (regions.labels()[i] == 0 ? 0 : 1);
        }
        return fill;
    }

    @Test
    void changedShapesAndDissentingPixelsAreFlaggedWhileThePaperIsNotJudgedByShape() {
        OpenCv.load();
        Regions regions = SourceRegionsTest.regions(3, ConfidenceLayerTest::label);
        Palette palette = new Palette(new int[] {0xFFFFFF, 0x3060C0});
        RegionVotes votes = paperAndShapeVotes(2);
        short[] fill = paperAndShapes(regions);
        // the paper lands across several regions of another size, as paper merged through gaps does;
        // region 1 lands whole in one of its size; region 2 lands across two, in one four times larger
        SourceRegions landing = new SourceRegions(new int[] {0, 1, 2}, new float[] {0.3f, 1f, 0.5f}, new float[] {5f, 1f, 0.25f});
        ChainStep step = new ChainStep(0, 1, votes, fill, landing, new double[3]);
        ChainStep.Merged merged = ChainStep.merge(List.of(step), regions);
        boolean[] dissent = new boolean[W * H];
        for (int y = 4; y < 6; y++) {
            for (int x = 24; x < 26; x++) {
                dissent[y * W + x] = true;
            }
        }

        double[] shares = ConfidenceLayer.shares(List.of(fill), 2);
        FrameConfidence confidence = ConfidenceLayer.of(regions, merged, List.of(step), fill, dissent,
                new boolean[regions.count()], palette, shares, Map.of());

        byte[] layer = Pixels.bytes(confidence.layer());
        assertThat(layer[1 * W + 1] & 0xff).as("paper, too large to be judged by its shape").isEqualTo(255);
        assertThat(layer[10 * W + 28] & 0xff).as("a region that kept its shape").isEqualTo(255);
        assertThat(layer[10 * W + 10] & 0xff).as("a region that changed shape").isEqualTo(64)
                .isLessThan(FrameConfidence.UNCERTAIN_BELOW);
        assertThat(layer[4 * W + 24] & 0xff).as("dissenting pixels of a sure region").isEqualTo(64);
        assertThat(confidence.uncertain()).extracting(UncertainRegion::area).containsExactly(100, 4);
        assertThat(confidence.uncertain().get(1).x()).isEqualTo(24);
        assertThat(confidence.uncertainShare()).isEqualTo(104.0 / (W * H));

        // the paper region again, as paper beside the background that no reference explains
        FrameConfidence unexplained = ConfidenceLayer.of(regions, merged, List.of(step), fill, dissent,
                new boolean[] {true, false, false}, palette, shares, Map.of());
        assertThat(Pixels.bytes(unexplained.layer())[1 * W + 1] & 0xff).isEqualTo(64);
        assertThat(Pixels.bytes(unexplained.layer())[10 * W + 28] & 0xff).isEqualTo(255);
    }

    @Test
    void aRegionMuchSmallerThanAReferenceRegionOfSeveralFillsIsNotLoweredForItsSize() {
        OpenCv.load();
        Regions regions = SourceRegionsTest.regions(3, ConfidenceLayerTest::label);
        Palette palette = new Palette(new int[] {0xFFFFFF, 0x3060C0, 0xC06030});
        RegionVotes votes = paperAndShapeVotes(3);
        short[] fill = paperAndShapes(regions);
        // both shapes land whole in reference regions four times their size: region 1 in reference
        // region 1, painted one color; region 2 in reference region 2, which holds two fills
        SourceRegions landing = new SourceRegions(new int[] {0, 1, 2}, new float[] {1f, 1f, 1f},
                new float[] {1f, 0.25f, 0.25f});
        ChainStep step = new ChainStep(7, 1, votes, fill, landing, new double[3]);
        ChainStep.Merged merged = ChainStep.merge(List.of(step), regions);
        int rw = 60;
        int rh = 40;
        Regions referenceRegions = TestRegions.of(rw, rh, 3, (x, y) -> x < 20 ? 0 : x < 40 ? 1 : 2);
        short[] referencePaint = new short[rw * rh];
        for (int y = 0; y < rh; y++) {
            for (int x = 0; x < rw; x++) {
                referencePaint[y * rw + x] = (short) (x < 20 ? 0 : x < 40 || y < 20 ? 1 : 2);
            }
        }
        ReferenceBlends blends = ReferenceBlends.of(referenceRegions, referencePaint, 3);

        FrameConfidence confidence = ConfidenceLayer.of(regions, merged, List.of(step), fill, new boolean[W * H],
                new boolean[regions.count()], palette, ConfidenceLayer.shares(List.of(fill), 3), Map.of(7, blends));
        FrameConfidence withoutBlends = ConfidenceLayer.of(regions, merged, List.of(step), fill, new boolean[W * H],
                new boolean[regions.count()], palette, ConfidenceLayer.shares(List.of(fill), 3), Map.of());

        byte[] layer = Pixels.bytes(confidence.layer());
        assertThat(layer[10 * W + 28] & 0xff).as("a quarter of a reference region of one color").isEqualTo(128);
        assertThat(layer[10 * W + 10] & 0xff).as("a quarter of a reference region of two fills").isEqualTo(255);
        assertThat(Pixels.bytes(withoutBlends.layer())[10 * W + 10] & 0xff).as("the same, fills unknown").isEqualTo(128);
    }

    @Test
    void aColorThatSpreadsBeyondItsShareOfTheReferencesIsFlaggedOneThatShrinksIsNot() {
        OpenCv.load();
        Regions regions = SourceRegionsTest.regions(3, ConfidenceLayerTest::label);
        Palette palette = new Palette(new int[] {0xFFFFFF, 0x3060C0, 0xC06030});
        RegionVotes votes = new RegionVotes(3, 3);
        short[] fill = new short[W * H];
        for (int k = 0; k < 3; k++) {
            votes.add(k, k, 100);
        }
        for (int i = 0; i < fill.length; i++) {
            fill[i] = (short) regions.labels()[i];
        }
        SourceRegions landing = new SourceRegions(new int[] {0, 1, 2}, new float[] {0.3f, 1f, 1f}, new float[] {5f, 1f, 1f});
        ChainStep step = new ChainStep(0, 1, votes, fill, landing, new double[3]);
        ChainStep.Merged merged = ChainStep.merge(List.of(step), regions);
        // each shape covers 12.5% of the drawing; the references held 50% of color 1 and 5% of color 2
        double[] referenceShare = {0.45, 0.5, 0.05};

        FrameConfidence confidence = ConfidenceLayer.of(regions, merged, List.of(step), fill, new boolean[W * H],
                new boolean[regions.count()], palette, referenceShare, Map.of());

        byte[] layer = Pixels.bytes(confidence.layer());
        assertThat(layer[10 * W + 28] & 0xff).as("color 1 shrank to a quarter: its region is not where the mistake is")
                .isEqualTo(255);
        assertThat(layer[10 * W + 10] & 0xff).as("color 2 spread to 2.5 times its share").isEqualTo(128);
    }
}
