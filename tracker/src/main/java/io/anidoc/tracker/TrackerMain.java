package io.anidoc.tracker;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.inference.ModelContracts;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.ClipStep;
import io.anidoc.runtime.stage.EngineChoice;
import io.anidoc.runtime.stage.Intermediates;
import io.anidoc.runtime.stage.StageModule;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.tracker.cotracker.CoTrackerTracker;

/**
 * The tracker service: matched clips in, dense correspondences out. It expands the clip's sparse
 * matches into dense fields through the clip; the fields go to the blob store, their reference on
 * to the colorizer. {@code ANIDOC_TRACKER_ENGINE} picks the engine: {@code cpu} (OpenCV DIS flow
 * on the line art, anchored by the sparse matches) or {@code cotracker} (Co-Tracker on the
 * inference server). Runs with environment variables (see docs/configuration.md and docs/stages.md).
 */
public final class TrackerMain {

    public static final StageModule<ClipMatched, ClipTracked> MODULE = new StageModule<>("tracker",
            Topic.CLIPS_MATCHED, ClipMatched.class, Topic.CLIPS_TRACKED, ClipTracked.class,
            ClipMatched::getTask, ClipMatched::getStageMillis, ClipMatched::getLineArt, TrackerSettings.SETTINGS, TrackerMain::engine);

    /** What an engine does to a clip. */
    private interface Tracking {
        DenseCorrespondence track(ClipFrames frames, ClipMatches matches) throws Exception;
    }

    private TrackerMain() {
    }

    public static void main(String[] args) {
        StageService.launch(MODULE);
    }

    private static EngineChoice<ClipMatched, ClipTracked> engine(ConfigSource source) {
        TrackerSettings settings = TrackerSettings.from(source);
        if (settings.engine().triton()) {
            return EngineChoice.triton(settings.engine().model(), ModelContracts.cotracker(), (engine, model, config) -> {
                CoTrackerTracker tracker = new CoTrackerTracker(model, config, new CoTrackerTracker.Options(
                        settings.maxSide(), settings.maxFrames(), settings.gridPoints(), settings.keyPoints(),
                        engine.settings().flow().gridScale()), engine.settings().sift());
                return step(tracker.name(), tracker::track);
            });
        }
        return EngineChoice.cpu(engine -> step(TrackEngine.CPU, engine::track));
    }

    private static ClipStep<ClipMatched, ClipTracked> step(String engineName, Tracking tracking) {
        return (matched, frames, blobs, stageMillis) -> {
            ClipMatches matches = Intermediates.matches(blobs, matched.getMatches());
            return ClipTracked.newBuilder()
                    .setClipId(matched.getClipId())
                    .setShotId(matched.getShotId())
                    .setTask(matched.getTask())
                    .setMatches(matched.getMatches())
                    .setLineArt(matched.getLineArt())
                    .setDense(Intermediates.putDense(blobs, tracking.track(frames, matches)))
                    .setEngine(engineName)
                    .setStageMillis(stageMillis.get())
                    .build();
        };
    }
}
