package io.anidoc.core.regions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.anidoc.core.image.Drawing;
import io.anidoc.core.lineart.LineArt;
import io.anidoc.core.lineart.LineArtNormalizer;
import io.anidoc.core.lineart.LineArtSettings;

class RegionSegmenterTest {
    private final LineArtNormalizer normalizer = new LineArtNormalizer(LineArtSettings.defaults());
    private final RegionSegmenter segmenter = new RegionSegmenter(RegionSettings.defaults());

    @Test
    void countsTheClosedAreasOfAKnownDrawing() {
        // outside, left and right half of a box, inside of a circle, inside of a triangle-ish box corner
        Drawing drawing = Drawing.paper(400, 300)
                .rect(40, 40, 240, 240, Drawing.BLACK, 2)
                .line(140, 40, 140, 240, Drawing.BLACK, 2)
                .circle(320, 120, 40, Drawing.BLACK, 2);
        Regions regions = segmenter.segment(normalizer.normalize(drawing.bgr()));
        assertThat(regions.count()).isEqualTo(4);
        int outside = regions.labelAt(10, 10);
        int left = regions.labelAt(90, 140);
        int right = regions.labelAt(190, 140);
        int circle = regions.labelAt(320, 120);
        assertThat(new int[] {outside, left, right, circle}).doesNotHaveDuplicates();
        assertThat(regions.labelAt(390, 290)).isEqualTo(outside);
    }

    @Test
    void everyPixelBelongsToARegionAndInkTakesItsNearestRegion() {
        Drawing drawing = Drawing.paper(200, 120).rect(40, 30, 160, 90, Drawing.BLACK, 3);
        Regions regions = segmenter.segment(normalizer.normalize(drawing.bgr()));
        for (int label : regions.labels()) {
            assertThat(label).isBetween(0, regions.count() - 1);
        }
        assertThat(regions.own()[30 * 200 + 100]).isFalse();
        int inside = regions.labelAt(100, 60);
        // the line's inner edge goes to the inside, its outer edge to the outside
        assertThat(regions.labelAt(100, 32)).isEqualTo(inside);
        assertThat(regions.labelAt(100, 28)).isEqualTo(regions.labelAt(100, 5));
        assertThat(regions.area()[inside]).isGreaterThan(100 * 50);
    }

    @Test
    void smallGapsInALineDoNotLetTheFillLeak() {
        Drawing drawing = Drawing.paper(400, 300)
                .line(60, 60, 340, 60, Drawing.BLACK, 2)
                .line(340, 60, 340, 240, Drawing.BLACK, 2)
                .line(340, 240, 60, 240, Drawing.BLACK, 2)
                .line(60, 240, 60, 160, Drawing.BLACK, 2)
                .line(60, 155, 60, 60, Drawing.BLACK, 2); // a 5 px gap at y 155..160
        LineArt art = normalizer.normalize(drawing.bgr());
        Regions bridged = segmenter.segment(art);
        assertThat(bridged.labelAt(200, 150)).isNotEqualTo(bridged.labelAt(10, 10));
        assertThat(bridged.count()).isEqualTo(2);

        Regions open = new RegionSegmenter(new RegionSettings(0, 0, 6)).segment(art);
        assertThat(open.labelAt(200, 150)).as("without gap closing the fill leaks").isEqualTo(open.labelAt(10, 10));
    }

    @Test
    void bridgedGapIsSharedBetweenTheTwoSides() {
        Drawing drawing = Drawing.paper(400, 200).rect(20, 20, 380, 180, Drawing.BLACK, 2)
                .line(200, 20, 200, 96, Drawing.BLACK, 2)
                .line(200, 102, 200, 180, Drawing.BLACK, 2);
        Regions regions = segmenter.segment(normalizer.normalize(drawing.bgr()));
        int left = regions.labelAt(100, 100);
        int right = regions.labelAt(300, 100);
        assertThat(left).isNotEqualTo(right);
        assertThat(regions.labelAt(197, 99)).isEqualTo(left);
        assertThat(regions.labelAt(203, 99)).isEqualTo(right);
    }

    @Test
    void traceLinesSplitRegionsLikeMainLines() {
        Drawing drawing = Drawing.paper(300, 200).rect(30, 30, 270, 170, Drawing.BLACK, 2)
                .line(150, 30, 150, 170, Drawing.RED, 2);
        Regions regions = segmenter.segment(normalizer.normalize(drawing.bgr()));
        assertThat(regions.count()).isEqualTo(3);
        assertThat(regions.labelAt(90, 100)).isNotEqualTo(regions.labelAt(210, 100));
    }

    @Test
    void thinEnclosedAreasSurviveGapClosing() {
        // a 4 px wide closed strip: the closing swallows it, yet it stays a region of its own
        Drawing drawing = Drawing.paper(400, 200)
                .rect(20, 20, 380, 180, Drawing.BLACK, 2)
                .rect(100, 90, 300, 96, Drawing.BLACK, 1);
        Regions regions = segmenter.segment(normalizer.normalize(drawing.bgr()));
        int strip = regions.labelAt(200, 93);
        assertThat(strip).isNotEqualTo(regions.labelAt(200, 60));
        assertThat(regions.own()[93 * 400 + 200]).isTrue();
    }
}
