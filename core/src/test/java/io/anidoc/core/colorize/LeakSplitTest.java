package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.image.Drawing;
import io.anidoc.core.regions.RegionSegmenter;

/** A fill that leaks through a wide gap in a drawing is split by its votes, not painted with the majority. */
class LeakSplitTest {
    private static final Scalar LEFT = new Scalar(60, 160, 230);
    private static final Scalar RIGHT = new Scalar(200, 120, 70);

    private static Drawing box(Drawing d, int gap) {
        d.rect(40, 30, 360, 170, Drawing.BLACK, 2);
        int mid = 100;
        d.line(150, 30, 150, mid - gap / 2.0, Drawing.BLACK, 2);
        return d.line(150, mid + gap / 2.0, 150, 170, Drawing.BLACK, 2);
    }

    @Test
    void leakingRegionIsSplitAlongTheGap() {
        int gap = 14;
        Mat key = box(Drawing.paper(400, 200).fillRect(41, 31, 150, 169, LEFT).fillRect(151, 31, 359, 169, RIGHT), 0).bgr();
        Mat keyLines = box(Drawing.paper(400, 200), 0).bgr();
        Mat drawing = box(Drawing.paper(400, 200), gap).bgr();
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames clip = engine.prepare(new ClipInput(List.of(1), List.of(0), Map.of(0, keyLines, 1, drawing), Map.of(0, key)));

        // the drawing's two boxes are one region: the gap is wider than the segmentation bridges
        var regions = new RegionSegmenter(engine.settings().regions()).segment(clip.lineArt().get(1));
        assertThat(regions.labelAt(80, 100)).isEqualTo(regions.labelAt(300, 100));

        var matches = engine.match(clip);
        ColorizedFrame out = engine.colorize(clip, matches, engine.track(clip, matches)).get(1);
        int[] left = CelScene.bgr(LEFT);
        int[] right = CelScene.bgr(RIGHT);
        for (int y : new int[] {40, 100, 160}) {
            assertThat(Drawing.pixel(out.fill(), 60, y)).containsExactly(left);
            assertThat(Drawing.pixel(out.fill(), 140, y)).containsExactly(left);
            assertThat(Drawing.pixel(out.fill(), 160, y)).containsExactly(right);
            assertThat(Drawing.pixel(out.fill(), 340, y)).containsExactly(right);
        }
    }
}
