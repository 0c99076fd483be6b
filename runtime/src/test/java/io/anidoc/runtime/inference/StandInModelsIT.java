package io.anidoc.runtime.inference;

import io.anidoc.embedded.inference.InferenceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The generated stand-ins for LightGlue and Co-Tracker honour their contracts and really answer. */
class StandInModelsIT {

    private static InferenceServer server;
    private static InferenceClient client;

    @BeforeAll
    static void start() throws IOException {
        server = InferenceServer.start(TestModels.repository(), "127.0.0.1", 0);
        client = new InferenceClient(InferenceClientConfig.forTarget("127.0.0.1:" + server.port()));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void lightglueStandInFindsMutualNearestNeighboursOfPermutedDescriptors() {
        client.verifyModel("lightglue", ModelContracts.lightglue());
        Random random = new Random(11);
        int matched = 40;
        int n0 = matched + 5;            // five keypoints of image 0 have no counterpart
        float[][] desc0 = new float[n0][];
        for (int i = 0; i < n0; i++) {
            desc0[i] = rootSiftLike(random);
        }
        List<Integer> permutation = new ArrayList<>();
        for (int i = 0; i < matched; i++) {
            permutation.add(i);
        }
        Collections.shuffle(permutation, random);
        float[][] desc1 = new float[matched][];
        for (int j = 0; j < matched; j++) {
            desc1[j] = desc0[permutation.get(j)];     // keypoint j of image 1 is keypoint perm[j] of image 0
        }

        InferResult result = client.infer("lightglue", List.of(
                Tensor.fromFloats("kpts0", new long[]{1, n0, 2}, new float[n0 * 2]),
                Tensor.fromFloats("kpts1", new long[]{1, matched, 2}, new float[matched * 2]),
                Tensor.fromFloats("desc0", new long[]{1, n0, 128}, flatten(desc0)),
                Tensor.fromFloats("desc1", new long[]{1, matched, 128}, flatten(desc1)),
                Tensor.fromFloats("image_size0", new long[]{1, 2}, 640, 480),
                Tensor.fromFloats("image_size1", new long[]{1, 2}, 640, 480),
                Tensor.fromFloats("scales0", new long[]{1, n0}, new float[n0]),
                Tensor.fromFloats("scales1", new long[]{1, matched}, new float[matched]),
                Tensor.fromFloats("oris0", new long[]{1, n0}, new float[n0]),
                Tensor.fromFloats("oris1", new long[]{1, matched}, new float[matched])));

        long[] matches = result.output("matches0").toLongs();
        float[] scores = result.output("mscores0").toFloats();
        assertThat(result.output("matches0").shape()).containsExactly(n0);
        for (int j = 0; j < matched; j++) {
            int i = permutation.get(j);
            assertThat(matches[i]).as("match of keypoint %d", i).isEqualTo(j);
            assertThat(scores[i]).isCloseTo(1f, within(1e-4f));
        }
        for (int i = matched; i < n0; i++) {
            assertThat(matches[i]).as("keypoint %d has no counterpart", i).isEqualTo(-1);
            assertThat(scores[i]).isZero();
        }
    }

    @Test
    void cotrackerStandInKeepsEveryQueryInPlace() {
        client.verifyModel("cotracker", ModelContracts.cotracker());
        int frames = 3;
        InferResult result = client.infer("cotracker", List.of(
                Tensor.fromUint8("video", new long[]{1, frames, 3, 8, 10}, new byte[frames * 3 * 8 * 10]),
                Tensor.fromFloats("queries", new long[]{1, 2, 3}, 0, 5, 6, 2, 1, 7)));
        Tensor tracks = result.output("tracks");
        assertThat(tracks.shape()).containsExactly(1, frames, 2, 2);
        assertThat(tracks.toFloats()).containsExactly(5, 6, 1, 7, 5, 6, 1, 7, 5, 6, 1, 7);
        Tensor visibility = result.output("visibility");
        assertThat(visibility.shape()).containsExactly(1, frames, 2);
        assertThat(visibility.toFloats()).containsOnly(1f).hasSize(frames * 2);

        // Like the served model it takes one clip per request: two are refused, naming the shape.
        assertThatThrownBy(() -> client.infer("cotracker", List.of(
                Tensor.fromUint8("video", new long[]{2, frames, 3, 4, 4}, new byte[2 * frames * 3 * 4 * 4]),
                Tensor.fromFloats("queries", new long[]{2, 1, 3}, 0, 1, 2, 0, 3, 4))))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("INVALID_ARGUMENT")
                .hasMessageContaining("[1,-1,3,-1,-1]");
    }

    /** Non-negative and unit length, as RootSIFT descriptors are. */
    private static float[] rootSiftLike(Random random) {
        float[] descriptor = new float[128];
        double norm = 0;
        for (int k = 0; k < descriptor.length; k++) {
            descriptor[k] = (float) Math.abs(random.nextGaussian());
            norm += descriptor[k] * descriptor[k];
        }
        for (int k = 0; k < descriptor.length; k++) {
            descriptor[k] /= (float) Math.sqrt(norm);
        }
        return descriptor;
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[i].length, rows[i].length);
        }
        return flat;
    }
}
