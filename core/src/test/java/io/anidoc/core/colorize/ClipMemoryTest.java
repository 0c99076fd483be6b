package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.match.ClipMatches;

/** A clip whose drawings' regions do not fit the heap together is colored the same, segmenting again. */
class ClipMemoryTest {

    @Test
    void aClipThatDoesNotKeepItsRegionsPaintsTheSameBytes() {
        EngineSettings settings = EngineSettings.defaults();
        ClipEngine engine = new ClipEngine(settings);
        // keyframes at both ends: two chains reach every drawing, one from each side
        Map<Integer, Mat> lines = new HashMap<>();
        for (int f = 0; f <= 4; f++) {
            lines.put(f, CelScene.lineArt(3 * f, 2 * f));
        }
        ClipInput input = new ClipInput(List.of(1, 2, 3), List.of(0, 4), lines,
                Map.of(0, CelScene.painted(0, 0), 4, CelScene.painted(12, 8)));
        ClipFrames clip = engine.prepare(input);
        ClipMatches matches = engine.match(clip);
        DenseCorrespondence dense = engine.track(clip, matches);

        List<ColorizedFrame> kept = new ClipColorizer(settings.colorize(), settings.regions(), (d, p) -> true)
                .colorize(clip, matches, dense);
        List<ColorizedFrame> segmentedAgain = new ClipColorizer(settings.colorize(), settings.regions(), (d, p) -> false)
                .colorize(clip, matches, dense);

        assertThat(segmentedAgain).extracting(ColorizedFrame::frame).containsExactly(0, 1, 2, 3, 4);
        for (int i = 0; i < kept.size(); i++) {
            ColorizedFrame a = kept.get(i);
            ColorizedFrame b = segmentedAgain.get(i);
            assertThat(Pixels.bytes(b.color())).as("color of %d", a.frame()).isEqualTo(Pixels.bytes(a.color()));
            assertThat(Pixels.bytes(b.lines())).as("lines of %d", a.frame()).isEqualTo(Pixels.bytes(a.lines()));
            assertThat(Pixels.bytes(b.fill())).as("fill of %d", a.frame()).isEqualTo(Pixels.bytes(a.fill()));
            assertThat(Pixels.bytes(b.confidence().layer())).as("confidence of %d", a.frame())
                    .isEqualTo(Pixels.bytes(a.confidence().layer()));
        }
        // the drawings differ from each other, so equal bytes are not equal by accident
        assertThat(Pixels.bytes(kept.get(1).fill())).isNotEqualTo(Pixels.bytes(kept.get(3).fill()));
    }

    @Test
    void regionsAreKeptWhileAllOfAClipsTakeAtMostAQuarterOfTheHeap() {
        long gib = 1L << 30;
        long uhd = 3840L * 2160;
        long hd = 1920L * 1080;
        // about 6 bytes a pixel: 16 drawings of 3840x2160 take 0.74 GiB, more than a quarter of 1.5 GiB
        assertThat(ClipColorizer.keepsRegions(16, uhd, 3 * gib / 2)).isFalse();
        assertThat(ClipColorizer.keepsRegions(16, uhd, 4 * gib)).isTrue();
        // 30 drawings of 1920x1080 take 0.35 GiB
        assertThat(ClipColorizer.keepsRegions(30, hd, 3 * gib / 2)).isTrue();
        assertThat(ClipColorizer.keepsRegions(30, hd, gib)).isFalse();
    }
}
