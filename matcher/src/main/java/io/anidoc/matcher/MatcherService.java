package io.anidoc.matcher;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.core.match.SparseMatcher;
import io.anidoc.matcher.lightglue.LightGlueMatcher;
import io.anidoc.runtime.config.Setting;
import io.anidoc.runtime.inference.InferenceClientConfig;
import io.anidoc.runtime.inference.ModelContracts;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.runtime.service.ServiceSetup;
import io.anidoc.runtime.stage.StageSettings;
import io.anidoc.runtime.stage.StageWorker;
import io.anidoc.runtime.triton.TritonModel;
import io.anidoc.runtime.triton.TritonSettings;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.serde.EventSerdes;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The matcher service: clips in, sparse matches out, one {@link StageWorker} over a
 * {@link MatcherProcessor}. {@code ANIDOC_MATCHER_ENGINE} picks the engine; with {@code lightglue}
 * the worker starts once the model on the inference server matches its contract.
 */
public final class MatcherService implements ServiceSetup {

    /** Every setting the service reads besides the runtime's, for the start-up log line. */
    public static final List<Setting> SETTINGS = settings();

    private volatile StageWorker<ClipTask, ClipMatched> worker;

    @Override
    public Future<?> setUp(ServiceContext context) {
        MatcherSettings settings = MatcherSettings.from(context.source());
        // loading OpenCV and opening the blob store block: keep them off the event loop
        return context.workers().executeBlocking(() -> {
            EngineSettings engineSettings = EngineSettings.defaults();
            ClipEngine engine = new ClipEngine(engineSettings);
            if (settings.engine() == MatcherSettings.Engine.CPU) {
                return start(context, new MatcherProcessor(engine, context.blobStore()));
            }
            TritonModel model = TritonModel.open(context, settings.lightglueModel(), ModelContracts.lightglue());
            LightGlueMatcher matcher = new LightGlueMatcher(model,
                    engineSettings.sift().withOnePerPixel(settings.onePerPixel()),
                    new SparseMatcher(engineSettings.match()), settings.minScore());
            model.startWhenVerified(config -> start(context, new MatcherProcessor(engine, matcher, context.blobStore())));
            return model;
        });
    }

    private StageWorker<ClipTask, ClipMatched> start(ServiceContext context, MatcherProcessor processor) {
        worker = StageWorker.builder(MatcherProcessor.STAGE, processor,
                        EventSerdes.of(ClipTask.class), EventSerdes.of(ClipMatched.class))
                .input(Topic.CLIPS)
                .output(Topic.CLIPS_MATCHED)
                .startIn(context);
        return worker;
    }

    /** The running stage worker once set up, e.g. to stop it the way a crash would in tests of redelivery. */
    public Optional<StageWorker<ClipTask, ClipMatched>> worker() {
        return Optional.ofNullable(worker);
    }

    private static List<Setting> settings() {
        List<Setting> all = new ArrayList<>(StageSettings.SETTINGS);
        all.addAll(MatcherSettings.SETTINGS);
        all.addAll(InferenceClientConfig.SETTINGS);
        all.addAll(TritonSettings.SETTINGS);
        return List.copyOf(all);
    }
}
