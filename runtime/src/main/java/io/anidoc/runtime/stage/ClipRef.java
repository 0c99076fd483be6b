package io.anidoc.runtime.stage;

import java.util.Objects;

/**
 * The clip an input event is about, as status reports and dead letters name it.
 *
 * @param shotId    the shot, the key of its status reports
 * @param clipId    the clip
 * @param clipCount how many clips the shot has: the {@code total} of a progress report
 */
public record ClipRef(String shotId, String clipId, int clipCount) {

    public ClipRef {
        Objects.requireNonNull(shotId, "shotId");
        Objects.requireNonNull(clipId, "clipId");
    }
}
