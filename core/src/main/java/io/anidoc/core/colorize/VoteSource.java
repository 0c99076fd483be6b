package io.anidoc.core.colorize;

import org.opencv.core.Mat;

import io.anidoc.core.flow.FlowField;

/**
 * Per-pixel votes of one colored frame seen through a flow field: the palette index found at each
 * pixel's target, and the vote's weight (frame weight times confidence, with a floor).
 */
record VoteSource(short[] index, float[] weight) {

    static VoteSource of(FlowField field, FieldSampler.Grid grid, Mat indexImage, double frameWeight, double floor) {
        try (FieldSampler sampler = FieldSampler.of(field, grid)) {
            short[] index = sampler.sample(indexImage);
            byte[] conf = sampler.confidence();
            float[] weight = new float[index.length];
            float scale = (float) (frameWeight / 255.0);
            float base = (float) (frameWeight * floor);
            for (int i = 0; i < weight.length; i++) {
                weight[i] = base + scale * (conf[i] & 0xff);
            }
            return new VoteSource(index, weight);
        }
    }
}
