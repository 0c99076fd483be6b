package io.anidoc.tracker;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
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
import io.anidoc.schemas.ClipTracked;
import io.anidoc.schemas.serde.EventSerdes;
import io.anidoc.tracker.cotracker.CoTrackerTracker;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tracker service: matched clips in, dense correspondences out, one {@link StageWorker} over a
 * {@link TrackerProcessor}. {@code ANIDOC_TRACKER_ENGINE} picks the engine; with {@code cotracker}
 * the worker starts once the model on the inference server matches its contract.
 */
public final class TrackerService implements ServiceSetup {

    /** Every setting the service reads besides the runtime's, for the start-up log line. */
    public static final List<Setting> SETTINGS = settings();

    private volatile StageWorker<ClipMatched, ClipTracked> worker;

    @Override
    public Future<?> setUp(ServiceContext context) {
        TrackerSettings settings = TrackerSettings.from(context.source());
        // loading OpenCV and opening the blob store block: keep them off the event loop
        return context.workers().executeBlocking(() -> {
            EngineSettings engineSettings = EngineSettings.defaults();
            ClipEngine engine = new ClipEngine(engineSettings);
            if (settings.engine() == TrackerSettings.Engine.CPU) {
                return start(context, new TrackerProcessor(engine, context.blobStore()));
            }
            TritonModel model = TritonModel.open(context, settings.cotrackerModel(), ModelContracts.cotracker());
            CoTrackerTracker.Options options = new CoTrackerTracker.Options(settings.maxSide(), settings.maxFrames(),
                    settings.gridPoints(), settings.keyPoints(), engineSettings.flow().gridScale());
            model.startWhenVerified(config -> start(context, new TrackerProcessor(engine,
                    new CoTrackerTracker(model, config, options, engineSettings.sift()), context.blobStore())));
            return model;
        });
    }

    private StageWorker<ClipMatched, ClipTracked> start(ServiceContext context, TrackerProcessor processor) {
        worker = StageWorker.builder(TrackerProcessor.STAGE, processor,
                        EventSerdes.of(ClipMatched.class), EventSerdes.of(ClipTracked.class))
                .input(Topic.CLIPS_MATCHED)
                .output(Topic.CLIPS_TRACKED)
                .startIn(context);
        return worker;
    }

    /** The running stage worker once set up, e.g. to stop it the way a crash would in tests of redelivery. */
    public Optional<StageWorker<ClipMatched, ClipTracked>> worker() {
        return Optional.ofNullable(worker);
    }

    private static List<Setting> settings() {
        List<Setting> all = new ArrayList<>(StageSettings.SETTINGS);
        all.addAll(TrackerSettings.SETTINGS);
        all.addAll(InferenceClientConfig.SETTINGS);
        all.addAll(TritonSettings.SETTINGS);
        return List.copyOf(all);
    }
}
