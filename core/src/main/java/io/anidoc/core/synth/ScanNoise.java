package io.anidoc.core.synth;

import java.util.SplittableRandom;

/**
 * Line art as a scanner delivers it: off-white paper with a slow brightness drift and grain, grey
 * (not black) ink, slightly faded trace colors, dust speckles and a faint stray pencil stroke or two.
 * Only the line art gets this; the ground truth stays clean.
 */
final class ScanNoise {
    private ScanNoise() {
    }

    static byte[] lineArtBgr(FrameLayers layers, SplittableRandom random) {
        int width = layers.width;
        int height = layers.height;
        Wave paperDrift = Wave.random(random, width, height);
        Wave inkDrift = Wave.random(random, width, height);
        double paperBase = 244 + 6 * random.nextDouble();
        byte[] out = new byte[width * height * 3];
        float[] value = new float[3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double paper = paperBase + 4 * paperDrift.at(x, y) + (random.nextInt(9) - 4);
                double ink = 38 + 18 * inkDrift.at(x, y);
                for (int c = 0; c < 3; c++) {
                    // warm paper: a little more red than blue
                    double p = Math.min(255, paper + (c - 1) * 2.5);
                    double traceChannel = ((layers.traceColor[i] >> (8 * c)) & 0xFF) * 0.85 + p * 0.15;
                    double traced = p + (traceChannel - p) * layers.trace[i];
                    value[c] = (float) (traced + (ink - traced) * layers.ink[i]);
                }
                for (int c = 0; c < 3; c++) {
                    out[3 * i + c] = (byte) clamp(Math.round(value[c]));
                }
            }
        }
        addSpeckles(out, width, height, random);
        addPencilStrokes(out, width, height, random);
        return out;
    }

    private static void addSpeckles(byte[] out, int width, int height, SplittableRandom random) {
        int count = Math.max(4, width * height / 15000);
        for (int k = 0; k < count; k++) {
            double cx = random.nextDouble() * width;
            double cy = random.nextDouble() * height;
            double radius = 0.5 + 1.2 * random.nextDouble();
            int grey = 60 + random.nextInt(110);
            darkenDisc(out, width, height, cx, cy, radius, grey);
        }
    }

    /** Light grey construction strokes a binarizer should drop. */
    private static void addPencilStrokes(byte[] out, int width, int height, SplittableRandom random) {
        int count = 1 + random.nextInt(2);
        for (int k = 0; k < count; k++) {
            double cx = width * (0.2 + 0.6 * random.nextDouble());
            double cy = height * (0.2 + 0.6 * random.nextDouble());
            double r = Math.min(width, height) * (0.08 + 0.15 * random.nextDouble());
            double from = random.nextDouble() * 2 * Math.PI;
            double[] path = Shapes.arc(cx, cy, r, r * 0.6, from, from + 1.2);
            float[] coverage = new float[width * height];
            double[] half = new double[path.length / 2];
            java.util.Arrays.fill(half, 0.6);
            Strokes.draw(coverage, width, height, path, false, half, null, null, null);
            int grey = 195 + random.nextInt(25);
            for (int i = 0; i < coverage.length; i++) {
                if (coverage[i] > 0) {
                    for (int c = 0; c < 3; c++) {
                        int v = out[3 * i + c] & 0xFF;
                        int blended = (int) Math.round(v + (grey - v) * coverage[i]);
                        out[3 * i + c] = (byte) Math.min(v, blended);
                    }
                }
            }
        }
    }

    private static void darkenDisc(byte[] out, int width, int height, double cx, double cy, double radius, int grey) {
        int x0 = Math.max(0, (int) Math.floor(cx - radius - 1));
        int x1 = Math.min(width - 1, (int) Math.ceil(cx + radius + 1));
        int y0 = Math.max(0, (int) Math.floor(cy - radius - 1));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + radius + 1));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double coverage = radius - Math.hypot(x + 0.5 - cx, y + 0.5 - cy) + 0.5;
                if (coverage <= 0) {
                    continue;
                }
                coverage = Math.min(1, coverage);
                int i = y * width + x;
                for (int c = 0; c < 3; c++) {
                    int v = out[3 * i + c] & 0xFF;
                    out[3 * i + c] = (byte) Math.min(v, (int) Math.round(v + (grey - v) * coverage));
                }
            }
        }
    }

    private static int clamp(long v) {
        return (int) Math.max(0, Math.min(255, v));
    }

    /** A smooth field in [-1, 1]: the mean of three plane waves. */
    private record Wave(double[] kx, double[] ky, double[] phase) {
        static Wave random(SplittableRandom random, int width, int height) {
            double[] kx = new double[3];
            double[] ky = new double[3];
            double[] phase = new double[3];
            double scale = 2 * Math.PI / Math.max(width, height);
            for (int k = 0; k < 3; k++) {
                double angle = random.nextDouble() * Math.PI;
                double frequency = (0.5 + 2.5 * random.nextDouble()) * scale;
                kx[k] = frequency * Math.cos(angle);
                ky[k] = frequency * Math.sin(angle);
                phase[k] = random.nextDouble() * 2 * Math.PI;
            }
            return new Wave(kx, ky, phase);
        }

        double at(int x, int y) {
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                sum += Math.sin(kx[k] * x + ky[k] * y + phase[k]);
            }
            return sum / 3;
        }
    }
}
