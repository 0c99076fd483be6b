package io.anidoc.colorizer.anidoc;

import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.match.PairMatches;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a clip is cut and scaled to the model's fixed size, and which matched points it gets. */
class AnidocConditioningTest {

    @Test
    void windowsCoverTheClipWithTheModelsFrameCount() {
        assertThat(AnidocColorizer.windows(List.of(0, 1, 2, 3), 3)).containsExactly(List.of(0, 1, 2), List.of(1, 2, 3));
        assertThat(AnidocColorizer.windows(List.of(4, 5), 3)).containsExactly(List.of(4, 5, 5));
        assertThat(AnidocColorizer.windows(List.of(0, 1, 2, 3, 4, 5, 6), 3))
                .containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(4, 5, 6));
        assertThat(AnidocColorizer.windows(List.of(0, 1, 2), 3)).containsExactly(List.of(0, 1, 2));
    }

    @Test
    void eachWindowTakesTheReferenceNearestToItsMiddle() {
        assertThat(AnidocColorizer.nearestReference(List.of(0, 1, 2), List.of(0, 3))).isEqualTo(0);
        assertThat(AnidocColorizer.nearestReference(List.of(1, 2, 3), List.of(0, 3))).isEqualTo(3);
        // a tie goes to the earlier reference
        assertThat(AnidocColorizer.nearestReference(List.of(1, 2), List.of(0, 3))).isEqualTo(0);
    }

    @Test
    void theLetterboxKeepsTheAspectAndCentresTheFrame() {
        Letterbox box = Letterbox.of(256, 144, 96, 64);
        assertThat(box.scaledWidth()).isEqualTo(96);
        assertThat(box.scaledHeight()).isEqualTo(54);
        assertThat(box.left()).isZero();
        assertThat(box.top()).isEqualTo(5);
        assertThat(box.modelX(0)).isZero();
        assertThat(box.modelX(255)).isEqualTo(95);
        assertThat(box.modelY(0)).isEqualTo(5);
        assertThat(box.modelY(143)).isEqualTo(58);
        assertThat(box.inside(10, 4)).isFalse();
        assertThat(box.inside(10, 5)).isTrue();
    }

    @Test
    void pointsSeenInMoreFramesComeFirstAndAreCapped() {
        // reference 0; point A is matched in frames 1 and 2, B only in 1, C only in 2 with a better score
        PairMatches toOne = new PairMatches(0, 1, new float[] {10, 10, 20, 20}, new float[] {11, 10, 21, 20},
                new float[] {0.5f, 0.5f}, new double[] {1, 0, 1, 0, 1, 0});
        PairMatches toTwo = new PairMatches(0, 2, new float[] {10, 10, 30, 30}, new float[] {12, 10, 32, 30},
                new float[] {0.5f, 0.9f}, new double[] {1, 0, 2, 0, 1, 0});
        ClipMatches matches = new ClipMatches(List.of(toOne, toTwo));

        List<MatchedPoints.Point> points = MatchedPoints.select(matches, 0, List.of(0, 1, 2), 2);
        assertThat(points).hasSize(2);
        assertThat(points.get(0).x()).isEqualTo(10);
        assertThat(points.get(0).inFrames()).containsOnlyKeys(1, 2);
        assertThat(points.get(0).inFrames().get(2)).containsExactly(12, 10);
        assertThat(points.get(1).x()).isEqualTo(30);
        assertThat(points.get(1).inFrames()).containsOnlyKeys(2);
        assertThat(MatchedPoints.select(null, 0, List.of(0, 1), 50)).isEmpty();
        // the matches from the other reference's side are read backwards
        List<MatchedPoints.Point> fromTwo = MatchedPoints.select(matches, 2, List.of(0, 2), 50);
        assertThat(fromTwo).extracting(MatchedPoints.Point::x).containsExactlyInAnyOrder(12f, 32f);
    }
}
