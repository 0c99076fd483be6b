package io.anidoc.core.shot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClipPlannerTest {

    @Test
    void twoKeyframesBoundOneClip() {
        List<ClipPlan> plans = ClipPlanner.plan(16, List.of(0, 15), 16);
        assertThat(plans).hasSize(1);
        ClipPlan clip = plans.get(0);
        assertThat(clip.references()).containsExactly(0, 15);
        assertThat(clip.drawings()).hasSize(14).startsWith(1).endsWith(14);
        assertThat(clip.first()).isZero();
        assertThat(clip.last()).isEqualTo(15);
        assertThat(clip.frames()).hasSize(16);
        assertThat(clip.warnings()).isEmpty();
    }

    @Test
    void oneKeyframeReferencesBothSidesAlone() {
        List<ClipPlan> plans = ClipPlanner.plan(10, List.of(4), 16);
        assertThat(plans).hasSize(2);
        assertThat(plans.get(0).drawings()).containsExactly(0, 1, 2, 3);
        assertThat(plans.get(0).references()).containsExactly(4);
        assertThat(plans.get(1).drawings()).containsExactly(5, 6, 7, 8, 9);
        assertThat(plans.get(1).references()).containsExactly(4);
        assertThat(plans).extracting(ClipPlan::index).containsExactly(0, 1);
    }

    @Test
    void firstKeyframeOnlyGivesOneClipAfterIt() {
        List<ClipPlan> plans = ClipPlanner.plan(19, List.of(0), 18);
        assertThat(plans).hasSize(1);
        assertThat(plans.get(0).references()).containsExactly(0);
        assertThat(plans.get(0).drawings()).hasSize(18);
        assertThat(plans.get(0).warnings()).isEmpty();
    }

    @Test
    void manyKeyframesGiveOneClipPerGapAndSkipAdjacentKeys() {
        List<ClipPlan> plans = ClipPlanner.plan(12, List.of(7, 0, 3, 4), 16);
        assertThat(plans).extracting(ClipPlan::references)
                .containsExactly(List.of(0, 3), List.of(4, 7), List.of(7));
        assertThat(plans.get(0).drawings()).containsExactly(1, 2);
        assertThat(plans.get(2).drawings()).containsExactly(8, 9, 10, 11);
    }

    @Test
    void longGapStaysOneClipWithAWarning() {
        List<ClipPlan> plans = ClipPlanner.plan(40, List.of(0, 39), 16);
        assertThat(plans).hasSize(1);
        assertThat(plans.get(0).drawings()).hasSize(38);
        assertThat(plans.get(0).warnings()).singleElement().asString()
                .contains("0001-0038", "38 drawings", "16");
    }

    @Test
    void badInputIsRejected() {
        assertThatThrownBy(() -> ClipPlanner.plan(10, null, 16)).hasMessageContaining("keyframes");
        assertThatThrownBy(() -> ClipPlanner.plan(10, List.of(10), 16)).hasMessageContaining("outside");
        assertThatThrownBy(() -> ClipPlanner.plan(0, List.of(0), 16)).hasMessageContaining("frame");
        assertThatThrownBy(() -> ClipPlanner.plan(10, List.of(0), 0)).hasMessageContaining("maxDrawings");
    }

    @Test
    void shotWithoutKeyframesIsCutIntoClipsWithoutReferences() {
        List<ClipPlan> plans = ClipPlanner.plan(20, List.of(), 8);
        assertThat(plans).extracting(ClipPlan::drawings).containsExactly(
                List.of(0, 1, 2, 3, 4, 5, 6, 7), List.of(8, 9, 10, 11, 12, 13, 14, 15), List.of(16, 17, 18, 19));
        assertThat(plans).allSatisfy(p -> assertThat(p.references()).isEmpty());
        assertThat(plans).extracting(ClipPlan::index).containsExactly(0, 1, 2);
    }
}
