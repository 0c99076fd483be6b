package io.anidoc.sink;

import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipFrame;
import io.anidoc.schemas.ColorizedFrame;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The blobs of a delivered shot by what the lifecycle does with them: inputs and deliverables
 * are kept for the retention period, intermediates only for the grace period. A blob that is
 * both (a keyframe whose colored frame is byte for byte the input) counts as kept, never as an
 * intermediate.
 */
record ShotBlobs(List<String> inputs, List<String> intermediates, List<String> deliverables) {

    static ShotBlobs of(List<ClipColorized> clips) {
        Set<String> inputs = new LinkedHashSet<>();
        Set<String> intermediates = new LinkedHashSet<>();
        Set<String> deliverables = new LinkedHashSet<>();
        for (ClipColorized clip : clips) {
            for (ClipFrame frame : clip.getTask().getFrames()) {
                if (frame.getLine() != null) {
                    inputs.add(frame.getLine().getUri());
                }
                if (frame.getKey() != null) {
                    inputs.add(frame.getKey().getUri());
                }
            }
            clip.getTask().getSheets().forEach(sheet -> inputs.add(sheet.getImage().getUri()));
            for (ColorizedFrame frame : clip.getFrames()) {
                deliverables.add(frame.getColor().getUri());
                deliverables.add(frame.getLines().getUri());
                deliverables.add(frame.getFill().getUri());
                if (frame.getConfidence() != null) {
                    deliverables.add(frame.getConfidence().getUri());
                }
            }
            clip.getIntermediates().stream().map(BlobRef::getUri).forEach(intermediates::add);
        }
        intermediates.removeAll(inputs);
        intermediates.removeAll(deliverables);
        return new ShotBlobs(List.copyOf(inputs), List.copyOf(intermediates), List.copyOf(deliverables));
    }
}
