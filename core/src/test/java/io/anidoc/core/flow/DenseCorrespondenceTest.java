package io.anidoc.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import io.anidoc.core.image.Drawing;
import io.anidoc.core.lineart.LineArtNormalizer;
import io.anidoc.core.lineart.LineArtSettings;

class DenseCorrespondenceTest {

    private static DenseCorrespondence tracked() {
        LineArtNormalizer normalizer = new LineArtNormalizer(LineArtSettings.defaults());
        Drawing scene = DenseTrackerTest.scene();
        Map<Integer, Mat> lines = Map.of(
                4, normalizer.normalize(scene.bgr()).gray(),
                5, normalizer.normalize(scene.shifted(3, 1)).gray(),
                6, normalizer.normalize(scene.shifted(6, 2)).gray());
        return new DenseTracker(FlowSettings.defaults()).track(List.of(4, 5, 6), lines, List.of(4), null);
    }

    @Test
    void sameInputGivesTheSameCorrespondence() {
        DenseCorrespondence dense = tracked();
        assertThat(dense).isEqualTo(tracked());
        assertThat(dense.width()).isEqualTo(320);
        assertThat(dense.field(6, 5)).isNotNull();
    }

    @Test
    void fieldsAreValidated() {
        FlowField field = new FlowField(1, 0, 2, 2, new short[4], new short[4], new byte[4]);
        assertThatThrownBy(() -> new FlowField(1, 0, 2, 2, new short[3], new short[4], new byte[4]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DenseCorrespondence(10, 10, 3, 3, List.of(field)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grid");
        assertThatThrownBy(() -> new DenseCorrespondence(10, 10, 2, 2, List.of(field, field)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two fields");
    }
}
