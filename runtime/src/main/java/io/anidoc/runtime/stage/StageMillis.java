package io.anidoc.runtime.stage;

import java.util.LinkedHashMap;
import java.util.Map;

/** The per-stage processing times an event carries down the pipeline. */
public final class StageMillis {

    private StageMillis() {
    }

    /** The earlier stages' times (in their order) followed by this stage's, measured from {@code startNanos}. */
    public static Map<String, Long> after(Map<String, Long> earlier, String stage, long startNanos) {
        Map<String, Long> times = new LinkedHashMap<>(earlier);
        times.put(stage, (System.nanoTime() - startNanos) / 1_000_000L);
        return times;
    }
}
