package io.anidoc.colorizer.anidoc;

import io.anidoc.runtime.inference.ModelContract;
import io.anidoc.runtime.inference.TensorSpec;

import java.util.List;

import static io.anidoc.runtime.inference.Datatype.INT32;
import static io.anidoc.runtime.inference.Datatype.UINT8;

/** The AniDoc model's tensors, as triton-models/anidoc/config.pbtxt declares them. */
public final class AnidocContract {

    private AnidocContract() {
    }

    /**
     * The colored reference (RGB), the line art of every frame (dark lines on white paper), the
     * matched points on the reference (0 none, k the k-th point) and the same points in every frame
     * give the colored frames (RGB). T, H and W are fixed by the model's parameters
     * {@code frames}, {@code height} and {@code width}.
     */
    public static ModelContract contract() {
        return new ModelContract(
                List.of(
                        TensorSpec.of("reference", UINT8, 1, 3, -1, -1),
                        TensorSpec.of("sketches", UINT8, 1, -1, 1, -1, -1),
                        TensorSpec.of("ref_points", INT32, 1, -1, -1),
                        TensorSpec.of("frame_points", INT32, 1, -1, -1, -1)),
                List.of(TensorSpec.of("frames", UINT8, 1, -1, 3, -1, -1)));
    }
}
