package io.anidoc.core.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * @param frames        output frame indices, ascending
 * @param timingsMillis wall time per stage, summed over clips
 * @param cpuMillis     CPU time of the colorizing thread per stage, summed over clips (below the wall
 *                      time when other processes share the cores)
 * @param warnings      planning and engine warnings
 */
public record ShotResult(String shotId, Path outDir, Path manifest, List<Integer> frames,
                         Map<String, Long> timingsMillis, Map<String, Long> cpuMillis,
                         List<String> warnings) {
}
