package io.anidoc.ingest;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.runtime.service.ServiceLauncher;

import java.util.concurrent.TimeUnit;

/** Starts and stops a real ingest service, as its main class does. */
final class IngestUnderTest {

    private IngestUnderTest() {
    }

    static RunningService start(ConfigSource config) throws Exception {
        return IngestMain.configure(ServiceLauncher.create("ingest", config)).start()
                .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    }

    static void stop(RunningService ingest) throws Exception {
        if (ingest != null) {
            ingest.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
