package io.anidoc.ingest;

import io.anidoc.runtime.service.ServiceLauncher;

/** The ingest service: the station-facing HTTP API and the assembler. */
public final class IngestMain {

    private IngestMain() {
    }

    public static void main(String[] args) {
        launcher().run();
    }

    /** The launcher reading the environment; tests and the local all-in-one run use {@link ServiceLauncher#create(String, io.anidoc.runtime.config.ConfigSource)}. */
    public static ServiceLauncher launcher() {
        return configure(ServiceLauncher.create("ingest"));
    }

    public static ServiceLauncher configure(ServiceLauncher launcher) {
        // until the ledger is rebuilt the API answers 503 with the reason, so stations retry instead of giving up
        return launcher.settings(IngestConfig.SETTINGS).unavailableUntilStarted("/v1/*").setup(IngestService::setUp);
    }
}
