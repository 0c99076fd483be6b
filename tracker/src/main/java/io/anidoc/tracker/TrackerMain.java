package io.anidoc.tracker;

import io.anidoc.core.engine.EngineSettings;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.inference.ModelContracts;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.EngineChoice;
import io.anidoc.runtime.stage.StageModule;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.tracker.cotracker.CoTrackerTracker;

/**
 * The tracker service: matched clips in, dense correspondences out. {@code ANIDOC_TRACKER_ENGINE}
 * picks the engine: {@code cpu} or {@code cotracker} (Co-Tracker on the inference server). Runs
 * with environment variables (see docs/configuration.md and docs/stages.md).
 */
public final class TrackerMain {

    public static final StageModule<ClipMatched, ClipTracked> MODULE = new StageModule<>("tracker",
            Topic.CLIPS_MATCHED, ClipMatched.class, Topic.CLIPS_TRACKED, ClipTracked.class,
            TrackerSettings.SETTINGS, TrackerMain::engine);

    private TrackerMain() {
    }

    public static void main(String[] args) {
        StageService.launch(MODULE);
    }

    private static EngineChoice<ClipMatched, ClipTracked> engine(ConfigSource source) {
        TrackerSettings settings = TrackerSettings.from(source);
        if (settings.engine() == TrackerSettings.Engine.CPU) {
            return EngineChoice.cpu(engine -> new TrackStep(TrackEngine.cpu(engine)));
        }
        return EngineChoice.triton(settings.cotrackerModel(), ModelContracts.cotracker(), (engine, model, config) -> {
            EngineSettings engineSettings = engine.settings();
            CoTrackerTracker.Options options = new CoTrackerTracker.Options(settings.maxSide(), settings.maxFrames(),
                    settings.gridPoints(), settings.keyPoints(), engineSettings.flow().gridScale());
            return new TrackStep(new CoTrackerTracker(model, config, options, engineSettings.sift()));
        });
    }
}
