package io.anidoc.ingest.status;

import io.anidoc.schemas.ShotState;

/**
 * How far one stage got with a shot.
 *
 * @param completedClips distinct clips the stage reported done
 * @param totalClips     clips the stage expects (the largest total it reported)
 * @param lastState      state of its latest report
 */
public record StageProgress(String stage, int completedClips, int totalClips, ShotState lastState, long lastAtMs) {
}
