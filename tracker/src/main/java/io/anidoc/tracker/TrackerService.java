package io.anidoc.tracker;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.runtime.service.ServiceSetup;
import io.anidoc.runtime.stage.StageWorker;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.schemas.serde.EventSerdes;
import io.vertx.core.Future;

import java.util.Optional;

/** The tracker service: matched clips in, dense correspondences out, one {@link StageWorker} over a {@link TrackerProcessor}. */
public final class TrackerService implements ServiceSetup {

    private volatile StageWorker<ClipMatched, ClipTracked> worker;

    @Override
    public Future<?> setUp(ServiceContext context) {
        // loading OpenCV and opening the blob store block: keep them off the event loop
        return context.workers().executeBlocking(() -> {
            TrackerProcessor processor = new TrackerProcessor(new ClipEngine(EngineSettings.defaults()), context.blobStore());
            worker = StageWorker.builder(TrackerProcessor.STAGE, processor,
                            EventSerdes.of(ClipMatched.class), EventSerdes.of(ClipTracked.class))
                    .input(Topic.CLIPS_MATCHED)
                    .output(Topic.CLIPS_TRACKED)
                    .startIn(context);
            return worker;
        });
    }

    /** The running stage worker once set up, e.g. to stop it the way a crash would in tests of redelivery. */
    public Optional<StageWorker<ClipMatched, ClipTracked>> worker() {
        return Optional.ofNullable(worker);
    }
}
