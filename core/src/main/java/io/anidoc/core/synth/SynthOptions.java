package io.anidoc.core.synth;

import java.util.List;

/**
 * What the synthetic shot generator draws.
 *
 * @param width      frame width in pixels (at least 64)
 * @param height     frame height in pixels (at least 64)
 * @param frames     number of drawings in the shot
 * @param seed       every random choice derives from it: the same options give the same bytes
 * @param motion     typical displacement of the character in pixels per frame; its parts move
 *                   between about 0.6x and 1.6x of it (0 = still)
 * @param traceLines colored trace lines splitting shapes into shadow and highlight regions
 * @param scanNoise  paper texture, grey ink and speckles in the line art (the ground truth stays clean)
 * @param lineGaps   small breaks in the main outlines, different in every drawing
 * @param occlusion  an object that passes in front of the character during the shot
 * @param keyframes  frame indices whose colored frame is written to keys/
 * @param entering   an object that drops into the frame a third into the shot and stays by the character
 *                   (absent from the first drawings, present in the last)
 */
public record SynthOptions(int width, int height, int frames, long seed, double motion, boolean traceLines,
                           boolean scanNoise, boolean lineGaps, boolean occlusion, List<Integer> keyframes,
                           boolean entering) {

    public static final double MODERATE_MOTION = 5.0;
    /** Motion of the large-motion family: parts move up to about 30 pixels per drawing at 1024 wide. */
    public static final double LARGE_MOTION = 18.0;

    public SynthOptions(int width, int height, int frames, long seed, double motion, boolean traceLines,
                        boolean scanNoise, boolean lineGaps, boolean occlusion, List<Integer> keyframes) {
        this(width, height, frames, seed, motion, traceLines, scanNoise, lineGaps, occlusion, keyframes, false);
    }

    public SynthOptions {
        if (width < 64 || height < 64) {
            throw new IllegalArgumentException("frame size must be at least 64x64, got " + width + "x" + height);
        }
        if ((long) width * height > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("frame size " + width + "x" + height + " is too large");
        }
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1, got " + frames);
        }
        if (!(motion >= 0) || Double.isInfinite(motion)) {
            throw new IllegalArgumentException("motion must be a finite number >= 0, got " + motion);
        }
        if (keyframes == null || keyframes.isEmpty()) {
            throw new IllegalArgumentException("at least one keyframe is needed");
        }
        keyframes = keyframes.stream().distinct().sorted().toList();
        for (int k : keyframes) {
            if (k < 0 || k >= frames) {
                throw new IllegalArgumentException("keyframe " + k + " is outside the shot (frames 0.." + (frames - 1) + ")");
            }
        }
    }

    /** 1024x576, 16 frames, keyframes 0 and 15, moderate motion, trace lines and occlusion on, clean scan. */
    public static SynthOptions defaults() {
        return new SynthOptions(1024, 576, 16, 1L, MODERATE_MOTION, true, false, false, true, List.of(0, 15));
    }

    public SynthOptions withSize(int newWidth, int newHeight) {
        return new SynthOptions(newWidth, newHeight, frames, seed, motion, traceLines, scanNoise, lineGaps, occlusion, keyframes, entering);
    }

    /** Changes the frame count and keeps the first and last frame as keyframes. */
    public SynthOptions withFrames(int newFrames) {
        return new SynthOptions(width, height, newFrames, seed, motion, traceLines, scanNoise, lineGaps, occlusion,
                newFrames == 1 ? List.of(0) : List.of(0, newFrames - 1), entering);
    }

    public SynthOptions withSeed(long newSeed) {
        return new SynthOptions(width, height, frames, newSeed, motion, traceLines, scanNoise, lineGaps, occlusion, keyframes, entering);
    }

    public SynthOptions withMotion(double newMotion) {
        return new SynthOptions(width, height, frames, seed, newMotion, traceLines, scanNoise, lineGaps, occlusion, keyframes, entering);
    }

    public SynthOptions withTraceLines(boolean on) {
        return new SynthOptions(width, height, frames, seed, motion, on, scanNoise, lineGaps, occlusion, keyframes, entering);
    }

    public SynthOptions withScanNoise(boolean on) {
        return new SynthOptions(width, height, frames, seed, motion, traceLines, on, lineGaps, occlusion, keyframes, entering);
    }

    public SynthOptions withLineGaps(boolean on) {
        return new SynthOptions(width, height, frames, seed, motion, traceLines, scanNoise, on, occlusion, keyframes, entering);
    }

    public SynthOptions withOcclusion(boolean on) {
        return new SynthOptions(width, height, frames, seed, motion, traceLines, scanNoise, lineGaps, on, keyframes, entering);
    }

    public SynthOptions withKeyframes(List<Integer> newKeyframes) {
        return new SynthOptions(width, height, frames, seed, motion, traceLines, scanNoise, lineGaps, occlusion, newKeyframes,
                entering);
    }

    public SynthOptions withEntering(boolean on) {
        return new SynthOptions(width, height, frames, seed, motion, traceLines, scanNoise, lineGaps, occlusion, keyframes, on);
    }
}
