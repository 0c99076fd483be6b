package io.anidoc.matcher.lightglue;

import io.anidoc.core.match.KeyPoints;
import io.anidoc.runtime.inference.Datatype;
import io.anidoc.runtime.inference.InferResult;
import io.anidoc.runtime.inference.Tensor;

import java.util.Arrays;
import java.util.List;

/** The SIFT-LightGlue request of one image pair, and the candidate matches in its answer. */
final class LightGlueTensors {

    private LightGlueTensors() {
    }

    /**
     * Keypoints, RootSIFT descriptors, image sizes (w, h), scales as SIFT sigma and orientations
     * (radians) of both images.
     */
    static List<Tensor> inputs(KeyPoints image0, KeyPoints image1) {
        return List.of(
                Tensor.fromFloats("kpts0", new long[] {1, image0.size(), 2}, image0.xy()),
                Tensor.fromFloats("kpts1", new long[] {1, image1.size(), 2}, image1.xy()),
                Tensor.fromFloats("desc0", new long[] {1, image0.size(), KeyPoints.DESCRIPTOR_SIZE}, image0.descriptors()),
                Tensor.fromFloats("desc1", new long[] {1, image1.size(), KeyPoints.DESCRIPTOR_SIZE}, image1.descriptors()),
                Tensor.fromFloats("image_size0", new long[] {1, 2}, image0.imageSize()),
                Tensor.fromFloats("image_size1", new long[] {1, 2}, image1.imageSize()),
                Tensor.fromFloats("scales0", new long[] {1, image0.size()}, sigmas(image0)),
                Tensor.fromFloats("scales1", new long[] {1, image1.size()}, sigmas(image1)),
                Tensor.fromFloats("oris0", new long[] {1, image0.size()}, image0.angle()),
                Tensor.fromFloats("oris1", new long[] {1, image1.size()}, image1.angle()));
    }

    /**
     * The scale SIFT-LightGlue's weights were fed with: COLMAP sends each keypoint's SIFT sigma
     * (VLFeat's {@code sigma} as {@code FeatureKeypoint::ComputeScale()}), and LightGlue encodes the
     * raw value. OpenCV's {@code KeyPoint.size} is the diameter, twice the sigma.
     */
    static float[] sigmas(KeyPoints keyPoints) {
        float[] sizes = keyPoints.scale();
        float[] sigmas = new float[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            sigmas[i] = sizes[i] / 2f;
        }
        return sigmas;
    }

    /** Matches of keypoints of image 0, ascending, with their keypoint in image 1 and their score. */
    record Candidates(int[] fromIndex, int[] toIndex, float[] score) {
    }

    /**
     * Reads {@code matches0} (index in image 1, -1 for none; INT64, or FP32 truncated to an index as
     * COLMAP reads it) and {@code mscores0}, keeping matches scored at least {@code minScore}.
     *
     * @throws IllegalStateException naming the model and the problem when the answer does not fit the request
     */
    static Candidates candidates(String model, InferResult result, int count0, int count1, double minScore) {
        long[] matches = matchIndices(result.output("matches0"));
        float[] scores = result.output("mscores0").toFloats();
        if (matches.length != count0 || scores.length != count0) {
            throw new IllegalStateException("model '" + model + "' answered " + matches.length + " matches and "
                    + scores.length + " scores for " + count0 + " keypoints");
        }
        int[] from = new int[count0];
        int[] to = new int[count0];
        float[] score = new float[count0];
        int n = 0;
        for (int i = 0; i < count0; i++) {
            long j = matches[i];
            if (j < 0) {
                continue;
            }
            if (j >= count1) {
                throw new IllegalStateException("model '" + model + "' matched keypoint " + i + " with keypoint " + j
                        + ", but image 1 has " + count1 + " keypoints");
            }
            float s = Float.isNaN(scores[i]) ? 0f : Math.max(0f, Math.min(1f, scores[i]));
            if (s < minScore) {
                continue;
            }
            from[n] = i;
            to[n] = (int) j;
            score[n] = s;
            n++;
        }
        return new Candidates(Arrays.copyOf(from, n), Arrays.copyOf(to, n), Arrays.copyOf(score, n));
    }

    private static long[] matchIndices(Tensor matches0) {
        if (matches0.datatype() != Datatype.FP32) {
            return matches0.toLongs();
        }
        float[] values = matches0.toFloats();
        long[] indices = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            indices[i] = Float.isFinite(values[i]) ? (long) values[i] : -1;
        }
        return indices;
    }
}
