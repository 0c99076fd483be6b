package io.anidoc.tracker;

import io.anidoc.runtime.service.ServiceLauncher;

/** Runs the tracker service, configured by environment variables (see docs/configuration.md and docs/stages.md). */
public final class TrackerMain {

    private TrackerMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.create(TrackerProcessor.STAGE)
                .settings(TrackerService.SETTINGS)
                .setup(new TrackerService())
                .run();
    }
}
