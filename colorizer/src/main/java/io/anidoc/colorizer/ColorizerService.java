package io.anidoc.colorizer;

import io.anidoc.colorizer.anidoc.AnidocColorizer;
import io.anidoc.colorizer.anidoc.AnidocContract;
import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.runtime.config.Setting;
import io.anidoc.runtime.inference.InferenceClientConfig;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.runtime.service.ServiceSetup;
import io.anidoc.runtime.stage.StageSettings;
import io.anidoc.runtime.stage.StageWorker;
import io.anidoc.runtime.triton.TritonModel;
import io.anidoc.runtime.triton.TritonSettings;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.schemas.serde.EventSerdes;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The colorizer service: tracked clips in, colored frames out, one {@link StageWorker} over a
 * {@link ColorizerProcessor}. {@code ANIDOC_COLORIZER_ENGINE} picks the engine; with {@code anidoc}
 * the worker starts once the model on the inference server matches its contract.
 */
public final class ColorizerService implements ServiceSetup {

    /** Every setting the service reads besides the runtime's, for the start-up log line. */
    public static final List<Setting> SETTINGS = settings();

    private volatile StageWorker<ClipTracked, ClipColorized> worker;

    @Override
    public Future<?> setUp(ServiceContext context) {
        ColorizerSettings settings = ColorizerSettings.from(context.source());
        // loading OpenCV and opening the blob store block: keep them off the event loop
        return context.workers().executeBlocking(() -> {
            ClipEngine engine = new ClipEngine(EngineSettings.defaults());
            if (settings.engine() == ColorizerSettings.Engine.CPU) {
                return start(context, new ColorizerProcessor(engine, context.blobStore()));
            }
            TritonModel model = TritonModel.open(context, settings.anidocModel(), AnidocContract.contract());
            model.startWhenVerified(config -> start(context, new ColorizerProcessor(engine,
                    new AnidocColorizer(model, config, engine, settings.snap(), settings.modelWeight()),
                    context.blobStore())));
            return model;
        });
    }

    private StageWorker<ClipTracked, ClipColorized> start(ServiceContext context, ColorizerProcessor processor) {
        worker = StageWorker.builder(ColorizerProcessor.STAGE, processor,
                        EventSerdes.of(ClipTracked.class), EventSerdes.of(ClipColorized.class))
                .input(Topic.CLIPS_TRACKED)
                .output(Topic.CLIPS_COLORIZED)
                .startIn(context);
        return worker;
    }

    /** The running stage worker once set up, e.g. to stop it the way a crash would in tests of redelivery. */
    public Optional<StageWorker<ClipTracked, ClipColorized>> worker() {
        return Optional.ofNullable(worker);
    }

    private static List<Setting> settings() {
        List<Setting> all = new ArrayList<>(StageSettings.SETTINGS);
        all.addAll(ColorizerSettings.SETTINGS);
        all.addAll(InferenceClientConfig.SETTINGS);
        all.addAll(TritonSettings.SETTINGS);
        return List.copyOf(all);
    }
}
