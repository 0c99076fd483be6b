package io.anidoc.core.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * @param frames        output frame indices, ascending
 * @param timingsMillis wall time per stage, summed over clips
 * @param warnings      planning and engine warnings
 */
public record ShotResult(String shotId, Path outDir, Path manifest, List<Integer> frames,
                         Map<String, Long> timingsMillis, List<String> warnings) {
}
