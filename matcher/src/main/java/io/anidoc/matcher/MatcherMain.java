package io.anidoc.matcher;

import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.match.SparseMatcher;
import io.anidoc.matcher.lightglue.LightGlueMatcher;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.inference.ModelContracts;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.EngineChoice;
import io.anidoc.runtime.stage.StageModule;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;

/**
 * The matcher service: clips in, sparse matches out. {@code ANIDOC_MATCHER_ENGINE} picks the
 * engine: {@code cpu} or {@code lightglue} (SIFT-LightGlue on the inference server). Runs with
 * environment variables (see docs/configuration.md and docs/stages.md).
 */
public final class MatcherMain {

    public static final StageModule<ClipTask, ClipMatched> MODULE = new StageModule<>("matcher",
            Topic.CLIPS, ClipTask.class, Topic.CLIPS_MATCHED, ClipMatched.class,
            MatcherSettings.SETTINGS, MatcherMain::engine);

    private MatcherMain() {
    }

    public static void main(String[] args) {
        StageService.launch(MODULE);
    }

    private static EngineChoice<ClipTask, ClipMatched> engine(ConfigSource source) {
        MatcherSettings settings = MatcherSettings.from(source);
        if (settings.engine() == MatcherSettings.Engine.CPU) {
            return EngineChoice.cpu(engine -> new MatchStep(MatchEngine.cpu(engine)));
        }
        return EngineChoice.triton(settings.lightglueModel(), ModelContracts.lightglue(), (engine, model, config) -> {
            EngineSettings engineSettings = engine.settings();
            return new MatchStep(new LightGlueMatcher(model,
                    engineSettings.sift().withOnePerPixel(settings.onePerPixel()),
                    new SparseMatcher(engineSettings.match()), settings.minScore()));
        });
    }
}
