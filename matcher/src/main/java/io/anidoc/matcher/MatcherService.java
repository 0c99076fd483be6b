package io.anidoc.matcher;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.runtime.service.ServiceSetup;
import io.anidoc.runtime.stage.StageWorker;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;
import io.anidoc.schemas.serde.EventSerdes;
import io.vertx.core.Future;

import java.util.Optional;

/** The matcher service: clips in, sparse matches out, one {@link StageWorker} over a {@link MatcherProcessor}. */
public final class MatcherService implements ServiceSetup {

    private volatile StageWorker<ClipTask, ClipMatched> worker;

    @Override
    public Future<?> setUp(ServiceContext context) {
        // loading OpenCV and opening the blob store block: keep them off the event loop
        return context.workers().executeBlocking(() -> {
            MatcherProcessor processor = new MatcherProcessor(new ClipEngine(EngineSettings.defaults()), context.blobStore());
            worker = StageWorker.builder(MatcherProcessor.STAGE, processor,
                            EventSerdes.of(ClipTask.class), EventSerdes.of(ClipMatched.class))
                    .input(Topic.CLIPS)
                    .output(Topic.CLIPS_MATCHED)
                    .startIn(context);
            return worker;
        });
    }

    /** The running stage worker once set up, e.g. to stop it the way a crash would in tests of redelivery. */
    public Optional<StageWorker<ClipTask, ClipMatched>> worker() {
        return Optional.ofNullable(worker);
    }
}
