package io.anidoc.colorizer;

import io.anidoc.core.engine.ClipEngine;
import io.anidoc.core.engine.EngineSettings;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.runtime.service.ServiceSetup;
import io.anidoc.runtime.stage.StageWorker;
import io.anidoc.schemas.ClipColorized;
import io.anidoc.schemas.ClipTracked;
import io.anidoc.schemas.serde.EventSerdes;
import io.vertx.core.Future;

import java.util.Optional;

/** The colorizer service: tracked clips in, colored frames out, one {@link StageWorker} over a {@link ColorizerProcessor}. */
public final class ColorizerService implements ServiceSetup {

    private volatile StageWorker<ClipTracked, ClipColorized> worker;

    @Override
    public Future<?> setUp(ServiceContext context) {
        // loading OpenCV and opening the blob store block: keep them off the event loop
        return context.workers().executeBlocking(() -> {
            ColorizerProcessor processor = new ColorizerProcessor(new ClipEngine(EngineSettings.defaults()), context.blobStore());
            worker = StageWorker.builder(ColorizerProcessor.STAGE, processor,
                            EventSerdes.of(ClipTracked.class), EventSerdes.of(ClipColorized.class))
                    .input(Topic.CLIPS_TRACKED)
                    .output(Topic.CLIPS_COLORIZED)
                    .startIn(context);
            return worker;
        });
    }

    /** The running stage worker once set up, e.g. to stop it the way a crash would in tests of redelivery. */
    public Optional<StageWorker<ClipTracked, ClipColorized>> worker() {
        return Optional.ofNullable(worker);
    }
}
