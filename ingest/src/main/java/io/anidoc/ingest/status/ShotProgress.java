package io.anidoc.ingest.status;

import java.util.List;

/**
 * Everything the stages reported about a shot on the status topic.
 *
 * @param totalClips  clips the shot was cut into (from the assembler), 0 before it was cut
 * @param stages      per stage, in the order they first reported
 */
public record ShotProgress(String shotId, int totalClips, List<StageProgress> stages, List<StatusNote> warnings,
                           List<StatusNote> failures, boolean finished, long finishedAtMs) {

    public ShotProgress {
        stages = List.copyOf(stages);
        warnings = List.copyOf(warnings);
        failures = List.copyOf(failures);
    }
}
