package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.match.ClipMatches;

/**
 * A clip whose drawings' regions do not fit the heap together is colored the same, segmenting again; a
 * clip's frames handed on one by one are the same as its list.
 */
class ClipMemoryTest {

    private static final EngineSettings settings = EngineSettings.defaults();
    private static final ClipEngine engine = new ClipEngine(settings);
    private static ClipFrames clip;
    private static ClipMatches matches;
    private static DenseCorrespondence dense;

    /** Three drawings between keyframes at both ends: two chains reach every drawing, one from each side. */
    @BeforeAll
    static void trackTwoKeyframeClip() {
        Map<Integer, Mat> lines = new HashMap<>();
        for (int f = 0; f <= 4; f++) {
            lines.put(f, CelScene.lineArt(3 * f, 2 * f));
        }
        clip = engine.prepare(new ClipInput(List.of(1, 2, 3), List.of(0, 4), lines,
                Map.of(0, CelScene.painted(0, 0), 4, CelScene.painted(12, 8))));
        matches = engine.match(clip);
        dense = engine.track(clip, matches);
    }

    @Test
    void aClipThatDoesNotKeepItsRegionsPaintsTheSameBytes() {

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
    void eachFrameIsHandedOnOnceAsSoonAsItIsFinishedWithTheListsBytes() {
        List<ColorizedFrame> listed = engine.colorize(clip, matches, dense);

        List<Integer> order = new ArrayList<>();
        Map<Integer, byte[]> handed = new HashMap<>();
        engine.colorize(clip, matches, dense, frame -> {
            order.add(frame.frame());
            handed.put(frame.frame(), Pixels.bytes(frame.color()));
            frame.release();
        });

        // the references first, then each drawing as the forward chain passes it
        assertThat(order).containsExactly(0, 4, 1, 2, 3);
        for (ColorizedFrame f : listed) {
            assertThat(handed.get(f.frame())).as("color of %d", f.frame()).isEqualTo(Pixels.bytes(f.color()));
        }
        assertThat(handed.get(1)).isNotEqualTo(handed.get(3));
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
