package io.anidoc.runtime.kafka;

import java.util.Map;

/** The pipeline's logical topics; {@link Topics} turns them into real names with the configured prefix. */
public enum Topic {
    /** Ingested drawings and keyframes, key shot id. */
    FRAMES("frames"),
    /**
     * Shot life-cycle (opened, sealed), key shot id. Compacted: the last record of a shot (its
     * seal, which repeats the declaration) stays after any retention, so ingest remembers every
     * shot id it ever sealed and refuses to take it again.
     */
    SHOTS("shots", Map.of("cleanup.policy", "compact")),
    /** Clips ready for matching, key clip id. */
    CLIPS("clips"),
    /** Clips with sparse correspondences, key clip id. */
    CLIPS_MATCHED("clips.matched"),
    /** Clips with dense correspondences, key clip id. */
    CLIPS_TRACKED("clips.tracked"),
    /** Clips with colored frames, key clip id. */
    CLIPS_COLORIZED("clips.colorized"),
    /** Finished shots for compositing, key shot id. */
    SHOTS_FINISHED("shots.finished"),
    /** Versions of shots a painter approved on the console, key shot id. */
    SHOTS_APPROVED("shots.approved"),
    /** Progress of every stage, key shot id. */
    SHOTS_STATUS("shots.status"),
    /** Records a stage could not process, with the reason. */
    DEADLETTER("deadletter");

    private final String logicalName;
    private final Map<String, String> creationConfig;

    Topic(String logicalName) {
        this(logicalName, Map.of());
    }

    Topic(String logicalName, Map<String, String> creationConfig) {
        this.logicalName = logicalName;
        this.creationConfig = creationConfig;
    }

    /** Topic settings given when provisioning creates the topic; an existing topic is left as is. */
    public Map<String, String> creationConfig() {
        return creationConfig;
    }

    /** The name without prefix, e.g. {@code clips.matched}. */
    public String logicalName() {
        return logicalName;
    }
}
