package io.anidoc.core.pipeline;

/**
 * Where the images of one frame of a clip are stored.
 *
 * @param index   frame index in the shot
 * @param lineUri address of the line art, or null for a keyframe delivered without line art
 * @param keyUri  address of the colored keyframe, or null for an ordinary drawing
 */
public record FrameBlobs(int index, String lineUri, String keyUri) {

    public FrameBlobs {
        if (index < 0) {
            throw new IllegalArgumentException("frame index must not be negative, got " + index);
        }
        if (lineUri == null && keyUri == null) {
            throw new IllegalArgumentException("frame " + index + " has neither line art nor a keyframe");
        }
    }

    /** True when the frame is a colored reference. */
    public boolean reference() {
        return keyUri != null;
    }
}
