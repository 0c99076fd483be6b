package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.image.Drawing;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.match.ClipMatches;

class ClipColorizerTest {
    private static final double DX = 7;
    private static final double DY = 4;
    private static List<ColorizedFrame> frames;

    @BeforeAll
    static void colorizeOneDrawingFromOneKeyframe() {
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipInput input = new ClipInput(List.of(1), List.of(0),
                Map.of(0, CelScene.lineArt(0, 0), 1, CelScene.lineArt(DX, DY)),
                Map.of(0, CelScene.painted(0, 0)));
        ClipFrames clip = engine.prepare(input);
        ClipMatches matches = engine.match(clip);
        DenseCorrespondence dense = engine.track(clip, matches);
        frames = engine.colorize(clip, matches, dense);
    }

    private static ColorizedFrame drawing() {
        return frames.get(1);
    }

    @Test
    void outputsTheReferenceAndTheDrawingInFrameOrder() {
        assertThat(frames).extracting(ColorizedFrame::frame).containsExactly(0, 1);
        assertThat(frames.get(0).reference()).isTrue();
        assertThat(drawing().reference()).isFalse();
        assertThat(Pixels.bytes(frames.get(0).color())).as("a keyframe passes through as given")
                .isEqualTo(Pixels.bytes(CelScene.painted(0, 0)));
    }

    @Test
    void everyRegionGetsExactlyItsReferenceColor() {
        Mat fill = drawing().fill();
        Mat color = drawing().color();
        assertThat(Drawing.pixel(fill, 10, 10)).containsExactly(CelScene.bgr(CelScene.BACKGROUND));
        assertThat(Drawing.pixel(fill, (int) (120 + DX), (int) (155 + DY))).containsExactly(CelScene.bgr(CelScene.BODY));
        assertThat(Drawing.pixel(fill, (int) (180 + DX), (int) (155 + DY))).containsExactly(CelScene.bgr(CelScene.BODY_SHADE));
        assertThat(Drawing.pixel(fill, (int) (175 + DX), (int) (80 + DY))).containsExactly(CelScene.bgr(CelScene.HEAD));
        assertThat(Drawing.pixel(fill, (int) (148 + DX), (int) (62 + DY))).containsExactly(CelScene.bgr(CelScene.EYE));
        // away from lines the final frame is the fill itself
        assertThat(Drawing.pixel(color, (int) (180 + DX), (int) (155 + DY))).containsExactly(CelScene.bgr(CelScene.BODY_SHADE));
    }

    @Test
    void traceLineDisappearsUnderTheFill() {
        Set<List<Integer>> sides = Set.of(List.of(60, 80, 220), List.of(40, 50, 150));
        int x = (int) Math.round(140.5 + DX);
        for (int y = (int) (120 + DY); y < 190 + DY; y += 5) {
            int[] px = Drawing.pixel(drawing().color(), x, y);
            assertThat(sides).as("trace pixel %d,%d", x, y).contains(List.of(px[0], px[1], px[2]));
            assertThat((int) drawing().lines().get(y, x)[3]).isZero();
        }
    }

    @Test
    void blackLinesStayBlack() {
        int y = (int) (110 + DY);
        for (int x = (int) (110 + DX); x < 210 + DX; x += 10) {
            int[] px = Drawing.pixel(drawing().color(), x, y);
            assertThat(Math.max(px[0], Math.max(px[1], px[2]))).as("line pixel %d,%d", x, y).isLessThanOrEqualTo(20);
            assertThat((int) drawing().lines().get(y, x)[3]).isGreaterThanOrEqualTo(235);
        }
        assertThat((int) drawing().lines().get(155, 180)[3]).isZero();
    }

    @Test
    void fillUsesOnlyPaletteColors() {
        Set<Integer> palette = new HashSet<>();
        for (var s : List.of(CelScene.BACKGROUND, CelScene.BODY, CelScene.BODY_SHADE, CelScene.HEAD, CelScene.EYE)) {
            int[] c = CelScene.bgr(s);
            palette.add(Palette.rgb((byte) c[0], (byte) c[1], (byte) c[2]));
        }
        byte[] fill = Pixels.bytes(drawing().fill());
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < fill.length; i += 3) {
            used.add(Palette.rgb(fill[i], fill[i + 1], fill[i + 2]));
        }
        assertThat(palette).containsAll(used);
        assertThat(used).hasSize(5);
    }
}
