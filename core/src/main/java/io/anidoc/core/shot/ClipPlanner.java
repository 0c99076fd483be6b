package io.anidoc.core.shot;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Splits a shot into clips bounded by keyframes: the drawings before the first keyframe (referenced
 * by it alone), between each two keyframes (referenced by both) and after the last one (referenced
 * by it alone). A run of drawings longer than {@code maxDrawings} stays one clip, because splitting
 * it would leave a part without a reference, and the clip carries a warning. A shot without
 * keyframes (colored from model sheets alone) is cut into clips of at most {@code maxDrawings}
 * consecutive drawings with no reference.
 */
public final class ClipPlanner {
    private ClipPlanner() {
    }

    public static List<ClipPlan> plan(int frameCount, List<Integer> keyframes, int maxDrawings) {
        if (frameCount < 1) {
            throw new IllegalArgumentException("a shot needs at least one frame, got " + frameCount);
        }
        if (maxDrawings < 1) {
            throw new IllegalArgumentException("maxDrawings must be at least 1, got " + maxDrawings);
        }
        if (keyframes == null) {
            throw new IllegalArgumentException("keyframes must not be null (an empty list for a shot colored from model sheets)");
        }
        if (keyframes.isEmpty()) {
            return withoutReferences(frameCount, maxDrawings);
        }
        TreeSet<Integer> keys = new TreeSet<>();
        for (Integer k : keyframes) {
            if (k == null || k < 0 || k >= frameCount) {
                throw new IllegalArgumentException("keyframe " + k + " is outside the shot (frames 0.." + (frameCount - 1) + ")");
            }
            keys.add(k);
        }
        List<ClipPlan> plans = new ArrayList<>();
        int firstKey = keys.first();
        if (firstKey > 0) {
            add(plans, 0, firstKey, range(0, firstKey - 1), List.of(firstKey), maxDrawings);
        }
        Integer previous = null;
        for (int k : keys) {
            if (previous != null && k - previous > 1) {
                add(plans, previous, k, range(previous + 1, k - 1), List.of(previous, k), maxDrawings);
            }
            previous = k;
        }
        int lastKey = keys.last();
        if (lastKey < frameCount - 1) {
            add(plans, lastKey, frameCount - 1, range(lastKey + 1, frameCount - 1), List.of(lastKey), maxDrawings);
        }
        return plans;
    }

    private static List<ClipPlan> withoutReferences(int frameCount, int maxDrawings) {
        List<ClipPlan> plans = new ArrayList<>();
        for (int first = 0; first < frameCount; first += maxDrawings) {
            int last = Math.min(frameCount, first + maxDrawings) - 1;
            plans.add(new ClipPlan(plans.size(), first, last, range(first, last), List.of(), List.of()));
        }
        return plans;
    }

    private static void add(List<ClipPlan> plans, int first, int last, List<Integer> drawings, List<Integer> refs,
                            int maxDrawings) {
        List<String> warnings = new ArrayList<>();
        if (drawings.size() > maxDrawings) {
            warnings.add(String.format("frames %04d-%04d: %d drawings in one clip exceed the clip limit of %d;"
                            + " kept in one clip, expect lower quality far from the keyframes",
                    drawings.get(0), drawings.get(drawings.size() - 1), drawings.size(), maxDrawings));
        }
        plans.add(new ClipPlan(plans.size(), first, last, drawings, refs, warnings));
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }
}
