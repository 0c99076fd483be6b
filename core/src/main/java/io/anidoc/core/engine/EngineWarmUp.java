package io.anidoc.core.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.image.Images;
import io.anidoc.core.image.Pixels;
import io.anidoc.core.lineart.LineArt;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticFrame;
import io.anidoc.core.synth.SyntheticShotGenerator;

/**
 * Runs the CPU engine once over a small generated clip, every stage of it, and throws the result
 * away (its layers encoded as PNG as the stages store them). A JVM runs the engine's per-pixel loops in its interpreter until it has compiled them: the
 * first clips of a fresh process take 1.3x-2x as long as later ones. A service that warms up before
 * it takes work starts at its steady speed, which is what an added instance is for.
 */
public final class EngineWarmUp {

    /** Size of the generated drawings: wide enough for the flow's and the matcher's reduced scales to apply. */
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;

    private EngineWarmUp() {
    }

    /**
     * What the warm-up did.
     *
     * @param drawings frames colored besides the keyframes
     * @param millis   wall time of the whole run
     */
    public record Result(int drawings, long millis) {
    }

    /** Colors a generated clip of {@code frames} frames (keyframes first and last) with {@code engine}. */
    public static Result run(ClipEngine engine, int frames) {
        if (frames < 3) {
            throw new IllegalArgumentException("a warm-up clip needs at least 3 frames (two keyframes and a drawing), got "
                    + frames);
        }
        long start = System.nanoTime();
        SynthOptions options = SynthOptions.defaults().withSize(WIDTH, HEIGHT).withFrames(frames)
                .withKeyframes(List.of(0, frames - 1));
        List<Integer> drawings = new ArrayList<>();
        Map<Integer, Mat> lines = new HashMap<>();
        Map<Integer, Mat> colors = new HashMap<>();
        for (int t = 0; t < frames; t++) {
            SyntheticFrame frame = SyntheticShotGenerator.render(options, t);
            lines.put(t, Pixels.mat(frame.width(), frame.height(), CvType.CV_8UC3, frame.lineArtBgr()));
            if (options.keyframes().contains(t)) {
                colors.put(t, Pixels.mat(frame.width(), frame.height(), CvType.CV_8UC3, frame.groundTruthBgr()));
            } else {
                drawings.add(t);
            }
        }
        int[] colored = new int[1];
        try {
            ClipFrames clip = engine.prepare(new ClipInput(drawings, options.keyframes(), lines, colors));
            ClipMatches matches = engine.match(clip);
            DenseCorrespondence dense = engine.track(clip, matches);
            engine.colorize(clip, matches, dense, frame -> {
                try {
                    if (!clip.references().contains(frame.frame())) {
                        // the stages store every layer as PNG: the encoder is part of the warm path
                        Images.encodePng(frame.color());
                        Images.encodePng(frame.fill());
                        colored[0]++;
                    }
                } finally {
                    frame.release();
                }
            });
            clip.lineArt().values().forEach(LineArt::release);
            clip.referenceColors().values().forEach(Mat::release);
        } finally {
            lines.values().forEach(Mat::release);
            colors.values().forEach(Mat::release);
        }
        return new Result(colored[0], (System.nanoTime() - start) / 1_000_000);
    }
}
