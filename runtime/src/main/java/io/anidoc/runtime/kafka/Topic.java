package io.anidoc.runtime.kafka;

/** The pipeline's logical topics; {@link Topics} turns them into real names with the configured prefix. */
public enum Topic {
    /** Ingested drawings and keyframes, key shot id. */
    FRAMES("frames"),
    /** Shot life-cycle (opened, sealed), key shot id. */
    SHOTS("shots"),
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
    /** Progress of every stage, key shot id. */
    SHOTS_STATUS("shots.status"),
    /** Records a stage could not process, with the reason. */
    DEADLETTER("deadletter");

    private final String logicalName;

    Topic(String logicalName) {
        this.logicalName = logicalName;
    }

    /** The name without prefix, e.g. {@code clips.matched}. */
    public String logicalName() {
        return logicalName;
    }
}
