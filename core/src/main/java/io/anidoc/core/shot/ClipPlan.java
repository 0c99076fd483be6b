package io.anidoc.core.shot;

import java.util.List;

/**
 * One clip of a shot: the drawings between (or beside) its references.
 *
 * @param index      position of the clip in the shot, from 0
 * @param first      first frame of the clip (a reference or a drawing)
 * @param last       last frame of the clip
 * @param drawings   frames to colorize, ascending
 * @param references keyframes the clip takes its colors from (the keys at its ends), ascending
 * @param warnings   planning warnings, e.g. a gap longer than the clip size limit
 */
public record ClipPlan(int index, int first, int last, List<Integer> drawings, List<Integer> references,
                       List<String> warnings) {

    public ClipPlan {
        drawings = List.copyOf(drawings);
        references = List.copyOf(references);
        warnings = List.copyOf(warnings);
    }

    /** References and drawings, ascending. */
    public List<Integer> frames() {
        java.util.TreeSet<Integer> all = new java.util.TreeSet<>(drawings);
        all.addAll(references);
        return List.copyOf(all);
    }
}
