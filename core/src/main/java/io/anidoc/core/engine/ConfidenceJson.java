package io.anidoc.core.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.anidoc.core.colorize.FrameConfidence;
import io.anidoc.core.colorize.UncertainRegion;

/**
 * The manifest fields of a frame's confidence: {@code uncertainShare} (share of the frame's area in
 * regions below {@link FrameConfidence#UNCERTAIN_BELOW}) and {@code uncertainRegions} (box, area,
 * confidence, painted color and candidate colors of each, largest first). Shared by every writer of
 * manifests so the direct run and the pipeline describe a frame the same way.
 */
public final class ConfidenceJson {
    private ConfidenceJson() {
    }

    public static Map<String, Object> of(FrameConfidence confidence) {
        return of(confidence.uncertainShare(), confidence.uncertain());
    }

    public static Map<String, Object> of(double uncertainShare, List<UncertainRegion> regions) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uncertainShare", Math.round(uncertainShare * 1e6) / 1e6);
        List<Map<String, Object>> list = new ArrayList<>();
        for (UncertainRegion r : regions) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("x", r.x());
            entry.put("y", r.y());
            entry.put("width", r.width());
            entry.put("height", r.height());
            entry.put("area", r.area());
            entry.put("confidence", r.confidence());
            entry.put("color", UncertainRegion.hex(r.color()));
            entry.put("candidates", r.candidates().stream().map(UncertainRegion::hex).toList());
            list.add(entry);
        }
        out.put("uncertainRegions", list);
        return out;
    }
}
