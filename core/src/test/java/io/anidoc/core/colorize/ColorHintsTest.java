package io.anidoc.core.colorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.ClipInput;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.image.Images;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** Proposed colors as a vote source of the region colorizer: snapped per region to the reference palette. */
class ColorHintsTest {

    @TempDir
    Path dir;

    @Test
    void hintsAloneColorTheDrawingsAndAreSnappedToThePalette() {
        SynthOptions options = SynthOptions.defaults().withSize(256, 144).withFrames(4).withMotion(12);
        SyntheticShotGenerator.generate(options, dir);
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames clip = engine.prepare(input(options));

        // no correspondences at all: the drawings are colored as the references lie, shifted by the motion
        double unhinted = meanAgreement(engine.colorize(clip, null, null), options);
        // the ground truth, blurred off the palette, as a diffusion model's colors would be
        Map<Integer, Mat> hints = new HashMap<>();
        for (int d : clip.drawings()) {
            Mat blurred = new Mat();
            org.opencv.imgproc.Imgproc.GaussianBlur(truth(d), blurred, new org.opencv.core.Size(0, 0), 1.0);
            org.opencv.core.Core.add(blurred, new Scalar(3, -3, 2), blurred);
            hints.put(d, blurred);
        }
        List<ColorizedFrame> hinted = engine.colorize(clip, null, null, new ColorHints(hints, 2.0));
        double withHints = meanAgreement(hinted, options);

        // the whole CPU engine with its correspondences, for scale (trace lines keep it below 1)
        double full = meanAgreement(engine.colorize(clip, engine.match(clip), engine.track(clip, engine.match(clip))), options);
        assertThat(withHints).isGreaterThan(unhinted + 0.02).isGreaterThan(full - 0.01);
        // every fill pixel of a drawing is a color of the references' fills: the palette
        java.util.Set<Integer> palette = new java.util.HashSet<>();
        for (ColorizedFrame frame : hinted) {
            if (frame.reference()) {
                byte[] fill = Pixels.bytes(frame.fill());
                for (int i = 0; i < fill.length; i += 3) {
                    palette.add(Palette.rgb(fill[i], fill[i + 1], fill[i + 2]));
                }
            }
        }
        for (ColorizedFrame frame : hinted) {
            if (!frame.reference()) {
                byte[] fill = Pixels.bytes(frame.fill());
                for (int i = 0; i < fill.length; i += 3) {
                    assertThat(palette).contains(Palette.rgb(fill[i], fill[i + 1], fill[i + 2]));
                }
            }
        }
    }

    @Test
    void hintsOfAnotherSizeAreRefused() {
        SynthOptions options = SynthOptions.defaults().withSize(128, 96).withFrames(3);
        SyntheticShotGenerator.generate(options, dir);
        ClipEngine engine = new ClipEngine(EngineSettings.defaults());
        ClipFrames clip = engine.prepare(input(options));
        Mat small = new Mat(10, 10, CvType.CV_8UC3, new Scalar(0, 0, 0));
        assertThatThrownBy(() -> engine.colorize(clip, null, null, new ColorHints(Map.of(1, small), 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hint colors of frame 1 are 10x10, the clip is 128x96");
    }

    private ClipInput input(SynthOptions options) {
        Map<Integer, Mat> lines = new HashMap<>();
        Map<Integer, Mat> keys = new HashMap<>();
        for (int f = 0; f < options.frames(); f++) {
            lines.put(f, Images.read(dir.resolve("line").resolve(SyntheticShotGenerator.frameName(f))));
        }
        for (int k : options.keyframes()) {
            keys.put(k, Images.read(dir.resolve("keys").resolve(SyntheticShotGenerator.frameName(k))));
        }
        List<Integer> drawings = java.util.stream.IntStream.range(0, options.frames()).boxed()
                .filter(f -> !options.keyframes().contains(f)).toList();
        return new ClipInput(drawings, options.keyframes(), lines, keys);
    }

    private Mat truth(int frame) {
        return Images.read(dir.resolve("gt").resolve(SyntheticShotGenerator.frameName(frame)));
    }

    /** Mean share of each drawing's non-black ground-truth pixels that the fill has exactly. */
    private double meanAgreement(List<ColorizedFrame> frames, SynthOptions options) {
        double sum = 0;
        int count = 0;
        for (ColorizedFrame frame : frames) {
            if (frame.reference()) {
                continue;
            }
            byte[] fill = Pixels.bytes(frame.fill());
            byte[] truth = Pixels.bytes(truth(frame.frame()));
            int counted = 0;
            int same = 0;
            for (int i = 0; i < truth.length; i += 3) {
                if ((truth[i] | truth[i + 1] | truth[i + 2]) == 0) {
                    continue;
                }
                counted++;
                if (fill[i] == truth[i] && fill[i + 1] == truth[i + 1] && fill[i + 2] == truth[i + 2]) {
                    same++;
                }
            }
            sum += (double) same / counted;
            count++;
        }
        return sum / count;
    }
}
