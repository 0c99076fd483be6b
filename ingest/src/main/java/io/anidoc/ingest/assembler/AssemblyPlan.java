package io.anidoc.ingest.assembler;

import io.anidoc.core.shot.ClipPlan;
import io.anidoc.core.shot.ClipPlanner;
import io.anidoc.core.engine.ShotManifest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The clips of a shot: {@link ClipPlanner}'s clips, then one clip per keyframe that no planned
 * clip contains (a keyframe right next to another one, or a shot of keyframes only), so that every
 * frame of the shot is delivered, as in the direct run.
 */
public final class AssemblyPlan {

    private AssemblyPlan() {
    }

    public static List<ClipPlan> plan(int frameCount, List<Integer> keyframes, int maxDrawings) {
        List<ClipPlan> plans = new ArrayList<>(ClipPlanner.plan(frameCount, keyframes, maxDrawings));
        Set<Integer> covered = new HashSet<>();
        plans.forEach(p -> covered.addAll(p.frames()));
        for (int k : keyframes.stream().distinct().sorted().toList()) {
            if (!covered.contains(k)) {
                plans.add(new ClipPlan(plans.size(), k, k, List.of(), List.of(k), List.of()));
            }
        }
        return plans;
    }

    /** {@code shot1/clip-000}: the shot id, then the clip index zero-padded to three digits. */
    public static String clipId(String shotId, int clipIndex) {
        return ShotManifest.clipId(shotId, clipIndex);
    }
}
