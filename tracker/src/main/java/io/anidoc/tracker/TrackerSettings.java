package io.anidoc.tracker;

import io.anidoc.runtime.config.ConfigException;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.Setting;
import io.anidoc.runtime.stage.ChosenEngine;
import io.anidoc.runtime.stage.EngineChoice;

import java.util.List;

/**
 * The tracker's own settings: which engine runs, and how the Triton engine uses its model.
 *
 * @param engine         the CPU engine, or Co-Tracker on Triton with its model's name
 * @param maxSide        longest side of the video sent to the model; larger clips are scaled down
 *                       (a size the model declares with the parameters {@code height} and {@code width} wins)
 * @param maxFrames      frames per request; longer clips are tracked in windows that hand their
 *                       points on. 0: the model's parameter {@code frames}, else {@code window_len},
 *                       else the whole clip in one request
 * @param gridPoints     query points along the long side of the regular grid laid on each reference
 * @param keyPoints      SIFT keypoints of each reference added as query points (corners and line ends)
 */
public record TrackerSettings(ChosenEngine engine, int maxSide, int maxFrames, int gridPoints, int keyPoints) {

    public static final Setting ENGINE = EngineChoice.setting("tracker", "cotracker", "OpenCV DIS flow", "Co-Tracker");
    public static final Setting COTRACKER_MODEL = EngineChoice.modelSetting("tracker", "cotracker", "Co-Tracker");
    public static final Setting MAX_SIDE = Setting.of("ANIDOC_TRACKER_COTRACKER_MAX_SIDE", "512",
            "Longest side in pixels of the video sent to Co-Tracker; tracks are mapped back to full size.");
    public static final Setting MAX_FRAMES = Setting.of("ANIDOC_TRACKER_COTRACKER_MAX_FRAMES", "0",
            "Frames per Co-Tracker request; longer clips go in windows (0: the model's frames or window_len parameter, else the whole clip).");
    public static final Setting GRID_POINTS = Setting.of("ANIDOC_TRACKER_COTRACKER_GRID", "24",
            "Query points along the long side of the grid laid on each reference.");
    public static final Setting KEY_POINTS = Setting.of("ANIDOC_TRACKER_COTRACKER_KEYPOINTS", "256",
            "SIFT keypoints of each reference added as query points.");

    public static final List<Setting> SETTINGS = List.of(ENGINE, COTRACKER_MODEL, MAX_SIDE, MAX_FRAMES, GRID_POINTS,
            KEY_POINTS);

    public TrackerSettings {
        if (engine == null) {
            throw new IllegalArgumentException("the engine is required");
        }
        if (maxSide < 16 || maxFrames < 0 || maxFrames == 1 || gridPoints < 2 || keyPoints < 0) {
            throw new IllegalArgumentException("need maxSide >= 16, maxFrames 0 or >= 2, gridPoints >= 2, keyPoints >= 0; got "
                    + maxSide + ", " + maxFrames + ", " + gridPoints + ", " + keyPoints);
        }
    }

    public static TrackerSettings from(ConfigSource source) {
        int maxFrames = source.integer(MAX_FRAMES, 0, 100_000);
        if (maxFrames == 1) {
            throw new ConfigException(MAX_FRAMES.name() + "=1: a window needs at least 2 frames (0 for the model's own)");
        }
        return new TrackerSettings(ChosenEngine.read(source, ENGINE, COTRACKER_MODEL),
                source.integer(MAX_SIDE, 16, 8192), maxFrames,
                source.integer(GRID_POINTS, 2, 1024), source.integer(KEY_POINTS, 0, 100_000));
    }
}
