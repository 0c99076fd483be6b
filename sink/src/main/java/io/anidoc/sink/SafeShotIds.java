package io.anidoc.sink;

import io.anidoc.core.shot.ShotIds;

/** The shot ids ingest accepts; anything else must not become a folder name under the output root. */
final class SafeShotIds {

    private SafeShotIds() {
    }

    static void check(String shotId) {
        if (!ShotIds.isValid(shotId)) {
            throw new IllegalArgumentException("shot id '" + shotId + "' is not usable as a folder name: "
                    + ShotIds.problem(shotId));
        }
    }
}
