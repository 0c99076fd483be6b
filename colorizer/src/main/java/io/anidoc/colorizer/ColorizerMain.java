package io.anidoc.colorizer;

import io.anidoc.colorizer.anidoc.AnidocColorizer;
import io.anidoc.colorizer.anidoc.AnidocContract;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.stage.EngineChoice;
import io.anidoc.runtime.stage.StageModule;
import io.anidoc.runtime.stage.StageService;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipTracked;

/**
 * The colorizer service: tracked clips in, colored frames out. {@code ANIDOC_COLORIZER_ENGINE}
 * picks the engine: {@code cpu} or {@code anidoc} (AniDoc on the inference server). Runs with
 * environment variables (see docs/configuration.md and docs/stages.md).
 */
public final class ColorizerMain {

    public static final StageModule<ClipTracked, ClipColorized> MODULE = new StageModule<>("colorizer",
            Topic.CLIPS_TRACKED, ClipTracked.class, Topic.CLIPS_COLORIZED, ClipColorized.class,
            ClipTracked::getTask, ClipTracked::getStageMillis, ClipTracked::getLineArt, ColorizerSettings.SETTINGS, ColorizerMain::engine);

    private ColorizerMain() {
    }

    public static void main(String[] args) {
        StageService.launch(MODULE);
    }

    private static EngineChoice<ClipTracked, ClipColorized> engine(ConfigSource source) {
        ColorizerSettings settings = ColorizerSettings.from(source);
        if (!settings.engine().triton()) {
            // paint-bucket colorization of regions, voted through the correspondences
            return EngineChoice.cpu(engine -> new ColorizeStep(ColorizeEngine.CPU, engine::colorize));
        }
        return EngineChoice.triton(settings.engine().model(), AnidocContract.contract(), (engine, model, config) -> {
            AnidocColorizer colorizer = new AnidocColorizer(model, config, engine, settings.snap(), settings.modelWeight());
            return new ColorizeStep(colorizer.name(), colorizer::colorize);
        });
    }
}
