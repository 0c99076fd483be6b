package io.anidoc.matcher;

import io.anidoc.core.colorize.ClipFrames;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.core.match.SparseMatcher;
import io.anidoc.matcher.lightglue.LightGlueMatcher;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.inference.ModelContracts;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.ClipStep;
import io.anidoc.runtime.stage.ClipTaskFrames;
import io.anidoc.runtime.stage.EngineChoice;
import io.anidoc.runtime.stage.Intermediates;
import io.anidoc.runtime.stage.StageModule;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;

import java.util.List;
import java.util.Map;

/**
 * The matcher service: clips in, sparse matches out. It finds correspondences between the
 * references and every drawing of the clip; the matches go to the blob store, their reference on
 * to the tracker. {@code ANIDOC_MATCHER_ENGINE} picks the engine: {@code cpu} (OpenCV SIFT,
 * RootSIFT, mutual nearest neighbours with the ratio test, RANSAC) or {@code lightglue}
 * (SIFT-LightGlue on the inference server). Runs with environment variables (see
 * docs/configuration.md and docs/stages.md).
 */
public final class MatcherMain {

    public static final StageModule<ClipTask, ClipMatched> MODULE = new StageModule<>("matcher",
            Topic.CLIPS, ClipTask.class, Topic.CLIPS_MATCHED, ClipMatched.class, task -> task, task -> Map.of(), task -> List.of(),
            MatcherSettings.SETTINGS, MatcherMain::engine);

    /** What an engine does to a clip. */
    private interface Matching {
        ClipMatches match(ClipFrames frames) throws Exception;
    }

    private MatcherMain() {
    }

    public static void main(String[] args) {
        StageService.launch(MODULE);
    }

    private static EngineChoice<ClipTask, ClipMatched> engine(ConfigSource source) {
        MatcherSettings settings = MatcherSettings.from(source);
        return settings.engine().triton()
                ? EngineChoice.triton(settings.engine().model(), ModelContracts.lightglue(), (engine, model, config) -> {
                    LightGlueMatcher matcher = new LightGlueMatcher(model, engine.settings().sift().withOnePerPixel(
                            settings.onePerPixel()), new SparseMatcher(engine.settings().match()), settings.minScore());
                    return step(matcher.name(), matcher::match);
                })
                : EngineChoice.cpu(engine -> step(MatchEngine.CPU, engine::match));
    }

    private static ClipStep<ClipTask, ClipMatched> step(String engineName, Matching matching) {
        return (task, frames, blobs, stageMillis) -> ClipMatched.newBuilder()
                .setClipId(task.getClipId())
                .setShotId(task.getShotId())
                .setTask(task)
                .setMatches(Intermediates.putMatches(blobs, matching.match(frames)))
                .setLineArt(ClipTaskFrames.storeLineArt(task, frames, blobs))
                .setEngine(engineName)
                .setStageMillis(stageMillis.get())
                .build();
    }
}
