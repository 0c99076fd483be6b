package io.anidoc.sink;

import io.anidoc.runtime.service.ServiceLauncher;

/** The sink service: collects colored clips into finished shots on disk and announces them. */
public final class SinkMain {

    private SinkMain() {
    }

    public static void main(String[] args) {
        launcher().run();
    }

    /** The launcher reading the environment. */
    public static ServiceLauncher launcher() {
        return configure(ServiceLauncher.create("sink"));
    }

    /** Adds the sink's settings and setup to a launcher, e.g. one with its own settings for a one-JVM run. */
    public static ServiceLauncher configure(ServiceLauncher launcher) {
        return launcher.settings(SinkConfig.SETTINGS).setup(SinkService::setUp);
    }
}
