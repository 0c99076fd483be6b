package io.anidoc.core.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

class ClipMatcherTest {
    private static final int W = 400;
    private static final int H = 280;

    @Test
    void plansReferenceToDrawingAndNeighbouringDrawingPairs() {
        List<FramePair> pairs = ClipMatcher.plan(List.of(0, 1, 2, 3, 4, 5), List.of(5, 0));

        assertThat(pairs).containsExactly(
                new FramePair(0, 1), new FramePair(0, 2), new FramePair(0, 3), new FramePair(0, 4),
                new FramePair(5, 1), new FramePair(5, 2), new FramePair(5, 3), new FramePair(5, 4),
                new FramePair(1, 2), new FramePair(2, 3), new FramePair(3, 4));
    }

    @Test
    void aReferenceInsideTheClipSplitsTheNeighbourChain() {
        List<FramePair> pairs = ClipMatcher.plan(List.of(4, 5, 7, 8), List.of(6));

        assertThat(pairs).containsExactly(
                new FramePair(6, 4), new FramePair(6, 5), new FramePair(6, 7), new FramePair(6, 8),
                new FramePair(4, 5), new FramePair(7, 8));
    }

    @Test
    void degenerateSizesMatchNothingInsteadOfFailing() {
        for (int[] size : new int[][] {{1, 1}, {16_384, 1}, {1, 2_000}, {12, 12}}) {
            Map<Integer, Mat> lines = Map.of(
                    0, new Mat(size[1], size[0], CvType.CV_8UC1, new org.opencv.core.Scalar(255)),
                    1, new Mat(size[1], size[0], CvType.CV_8UC1, new org.opencv.core.Scalar(0)));
            ClipMatches matches = new ClipMatcher().matchClip(List.of(0, 1), lines, List.of(0));
            assertThat(matches.between(0, 1) == null || matches.between(0, 1).affine() == null)
                    .as("%dx%d", size[0], size[1]).isTrue();
        }
    }

    @Test
    void matchesAMovingDrawingThroughTheClip() {
        Mat base = LineArtFixtures.drawing(W, H, 41, new Rect(40, 30, 300, 200));
        Map<Integer, Mat> lines = new HashMap<>();
        for (int t = 0; t < 4; t++) {
            lines.put(t, LineArtFixtures.warp(base, LineArtFixtures.translation(5 * t, -3 * t)));
        }
        ClipMatcher matcher = new ClipMatcher();

        ClipMatches clip = matcher.matchClip(List.of(0, 1, 2, 3), lines, List.of(0, 3));

        assertThat(clip.pairs()).extracting(p -> new FramePair(p.fromFrame(), p.toFrame()))
                .containsExactlyElementsOf(ClipMatcher.plan(List.of(0, 1, 2, 3), List.of(0, 3)));
        for (int from = 0; from < 4; from++) {
            for (int to = 0; to < 4; to++) {
                boolean fromReference = from == 0 || from == 3;
                boolean toReference = to == 0 || to == 3;
                // references are matched with every drawing, drawings with their neighbours
                boolean planned = from != to && (fromReference != toReference || !fromReference && Math.abs(from - to) == 1);
                PairMatches m = clip.between(from, to);
                if (!planned) {
                    assertThat(m).as("%d -> %d", from, to).isNull();
                    continue;
                }
                assertThat(m.size()).as("%d -> %d", from, to).isGreaterThan(15);
                double[] origin = m.mapFrom(200, 140);
                assertThat(origin[0] - 200).as("%d -> %d dx", from, to).isCloseTo(5.0 * (to - from), within(0.5));
                assertThat(origin[1] - 140).as("%d -> %d dy", from, to).isCloseTo(-3.0 * (to - from), within(0.5));
            }
        }

        ClipMatches again = new ClipMatcher().matchClip(List.of(0, 1, 2, 3), lines, List.of(0, 3));
        assertThat(again).as("same clip, same matches").isEqualTo(clip);
    }

    @Test
    void referencesMayComeFromOutsideTheListedFrames() {
        Mat base = LineArtFixtures.drawing(W, H, 42, new Rect(40, 30, 300, 200));
        Map<Integer, Mat> lines = Map.of(
                0, base,
                1, LineArtFixtures.warp(base, LineArtFixtures.translation(4, 2)),
                2, LineArtFixtures.warp(base, LineArtFixtures.translation(8, 4)));

        ClipMatches clip = new ClipMatcher().matchClip(List.of(1, 2), lines, List.of(0));

        assertThat(clip.pairs()).hasSize(3);
        assertThat(clip.between(0, 2).mapFrom(100, 100)[0]).isCloseTo(108, within(0.5));
        assertThat(clip.between(1, 2).size()).isGreaterThan(15);
    }

    @Test
    void namesTheFrameWithMissingOrWrongLineArt() {
        Mat base = LineArtFixtures.drawing(W, H, 43);
        ClipMatcher matcher = new ClipMatcher();

        assertThatThrownBy(() -> matcher.matchClip(List.of(0, 1), Map.of(0, base), List.of(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no line art for frame 1");
        Mat color = new Mat(H, W, CvType.CV_8UC3);
        assertThatThrownBy(() -> matcher.matchClip(List.of(0, 1), Map.of(0, base, 1, color), List.of(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 1").hasMessageContaining("CV_8UC1");
        assertThatThrownBy(() -> ClipMatcher.plan(List.of(1, 1), List.of(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate frame index");
        assertThatThrownBy(() -> ClipMatcher.plan(List.of(), List.of(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one frame");
    }
}
