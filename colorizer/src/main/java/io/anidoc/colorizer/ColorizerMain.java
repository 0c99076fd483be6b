package io.anidoc.colorizer;

import io.anidoc.runtime.service.ServiceLauncher;

/** Runs the colorizer service, configured by environment variables (see docs/configuration.md and docs/stages.md). */
public final class ColorizerMain {

    private ColorizerMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.create(ColorizerProcessor.STAGE)
                .settings(ColorizerService.SETTINGS)
                .setup(new ColorizerService())
                .run();
    }
}
