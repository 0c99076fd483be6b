package io.anidoc.matcher.lightglue;

import io.anidoc.core.match.KeyPoints;
import io.anidoc.runtime.inference.InferResult;
import io.anidoc.runtime.inference.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LightGlueTensorsTest {

    @Test
    void sendsBothImagesInTheContractsShapes() {
        KeyPoints a = new KeyPoints(64, 48, new float[] {1, 2, 3, 4}, new float[] {5, 6}, new float[] {0.1f, 0.2f},
                new float[2 * KeyPoints.DESCRIPTOR_SIZE]);
        KeyPoints b = KeyPoints.empty(32, 16);
        Map<String, Tensor> inputs = new java.util.HashMap<>();
        LightGlueTensors.inputs(a, b).forEach(t -> inputs.put(t.name(), t));

        assertThat(inputs.get("kpts0").shape()).containsExactly(1, 2, 2);
        assertThat(inputs.get("kpts0").toFloats()).containsExactly(1, 2, 3, 4);
        assertThat(inputs.get("desc0").shape()).containsExactly(1, 2, 128);
        assertThat(inputs.get("kpts1").shape()).containsExactly(1, 0, 2);
        assertThat(inputs.get("image_size0").toFloats()).containsExactly(64, 48);
        assertThat(inputs.get("image_size1").toFloats()).containsExactly(32, 16);
        // OpenCV's KeyPoint.size is the diameter; LightGlue is fed SIFT's sigma, as COLMAP sends it
        assertThat(inputs.get("scales0").toFloats()).containsExactly(2.5f, 3f);
        assertThat(inputs.get("oris0").toFloats()).containsExactly(0.1f, 0.2f);
        assertThat(inputs).hasSize(10);
    }

    @Test
    void keepsTheMatchesAboveTheMinimumScore() {
        InferResult result = result(new long[] {2, -1, 0, 1}, new float[] {0.9f, 0f, 0.05f, 1.2f});
        LightGlueTensors.Candidates candidates = LightGlueTensors.candidates("lightglue", result, 4, 3, 0.1);
        assertThat(candidates.fromIndex()).containsExactly(0, 3);
        assertThat(candidates.toIndex()).containsExactly(2, 1);
        assertThat(candidates.score()).containsExactly(0.9f, 1f);
    }

    @Test
    void readsMatchesServedAsFp32LikeInt64() {
        InferResult result = new InferResult("lightglue", "1", "", Map.of(
                "matches0", Tensor.fromFloats("matches0", new long[] {4}, 2f, -1f, 0f, 1f),
                "mscores0", Tensor.fromFloats("mscores0", new long[] {4}, 0.9f, 0f, 0.05f, 1.2f)));
        LightGlueTensors.Candidates fromFloats = LightGlueTensors.candidates("lightglue", result, 4, 3, 0.1);
        LightGlueTensors.Candidates fromLongs = LightGlueTensors.candidates("lightglue",
                result(new long[] {2, -1, 0, 1}, new float[] {0.9f, 0f, 0.05f, 1.2f}), 4, 3, 0.1);
        assertThat(fromFloats.fromIndex()).containsExactly(0, 3).containsExactly(fromLongs.fromIndex());
        assertThat(fromFloats.toIndex()).containsExactly(2, 1).containsExactly(fromLongs.toIndex());
        assertThat(fromFloats.score()).containsExactly(fromLongs.score());

        InferResult outOfRange = new InferResult("lightglue", "1", "", Map.of(
                "matches0", Tensor.fromFloats("matches0", new long[] {2}, 0f, 5f),
                "mscores0", Tensor.fromFloats("mscores0", new long[] {2}, 1f, 1f)));
        assertThatThrownBy(() -> LightGlueTensors.candidates("lightglue", outOfRange, 2, 3, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("model 'lightglue' matched keypoint 1 with keypoint 5, but image 1 has 3 keypoints");
    }

    @Test
    void refusesAnAnswerThatDoesNotFitTheRequest() {
        assertThatThrownBy(() -> LightGlueTensors.candidates("lightglue", result(new long[] {0, 5}, new float[] {1, 1}), 2, 3, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("model 'lightglue' matched keypoint 1 with keypoint 5, but image 1 has 3 keypoints");
        assertThatThrownBy(() -> LightGlueTensors.candidates("lightglue", result(new long[] {0}, new float[] {1}), 2, 3, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("model 'lightglue' answered 1 matches and 1 scores for 2 keypoints");
    }

    private static InferResult result(long[] matches, float[] scores) {
        return new InferResult("lightglue", "1", "", Map.of(
                "matches0", Tensor.fromLongs("matches0", new long[] {matches.length}, matches),
                "mscores0", Tensor.fromFloats("mscores0", new long[] {scores.length}, scores)));
    }
}
