package io.anidoc.matcher;

import io.anidoc.runtime.service.ServiceLauncher;

/** Runs the matcher service, configured by environment variables (see docs/configuration.md and docs/stages.md). */
public final class MatcherMain {

    private MatcherMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.create(MatcherProcessor.STAGE)
                .settings(MatcherService.SETTINGS)
                .setup(new MatcherService())
                .run();
    }
}
