package io.anidoc.runtime.inference;

import java.util.List;

import static io.anidoc.runtime.inference.Datatype.FP32;
import static io.anidoc.runtime.inference.Datatype.INT64;
import static io.anidoc.runtime.inference.Datatype.UINT8;

/** The contracts of the models the pipeline serves on Triton (see the design's engine table). */
public final class ModelContracts {

    private ModelContracts() {
    }

    /**
     * SIFT-LightGlue as COLMAP's {@code sift-lightglue.onnx} takes it: keypoints in pixels, RootSIFT
     * descriptors, image sizes (w,h), keypoint scales and orientations (radians); for each keypoint of
     * image 0 the index of its match in image 1 ({@code -1}: none) and the match score. Exports emit
     * {@code matches0} as INT64 or as FP32 (COLMAP's matcher reads both); the matcher converts.
     */
    public static ModelContract lightglue() {
        return new ModelContract(
                List.of(
                        TensorSpec.of("kpts0", FP32, 1, -1, 2),
                        TensorSpec.of("kpts1", FP32, 1, -1, 2),
                        TensorSpec.of("desc0", FP32, 1, -1, 128),
                        TensorSpec.of("desc1", FP32, 1, -1, 128),
                        TensorSpec.of("image_size0", FP32, 1, 2),
                        TensorSpec.of("image_size1", FP32, 1, 2),
                        TensorSpec.of("scales0", FP32, 1, -1),
                        TensorSpec.of("scales1", FP32, 1, -1),
                        TensorSpec.of("oris0", FP32, 1, -1),
                        TensorSpec.of("oris1", FP32, 1, -1)),
                List.of(
                        TensorSpec.of("matches0", INT64, -1).orAlso(FP32),
                        TensorSpec.of("mscores0", FP32, -1)));
    }

    /**
     * Co-Tracker: one clip of T frames (RGB, UINT8) and N query points (t, x, y) give each point's
     * position in every frame and its visibility (0..1).
     */
    public static ModelContract cotracker() {
        return new ModelContract(
                List.of(
                        TensorSpec.of("video", UINT8, 1, -1, 3, -1, -1),
                        TensorSpec.of("queries", FP32, 1, -1, 3)),
                List.of(
                        TensorSpec.of("tracks", FP32, 1, -1, -1, 2),
                        TensorSpec.of("visibility", FP32, 1, -1, -1)));
    }
}
