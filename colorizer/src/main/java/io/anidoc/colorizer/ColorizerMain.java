package io.anidoc.colorizer;

import io.anidoc.runtime.service.ServiceLauncher;
import io.anidoc.runtime.stage.StageSettings;

/** Runs the colorizer service, configured by environment variables (see docs/configuration.md and docs/stages.md). */
public final class ColorizerMain {

    private ColorizerMain() {
    }

    public static void main(String[] args) {
        ServiceLauncher.create(ColorizerProcessor.STAGE)
                .settings(StageSettings.SETTINGS)
                .setup(new ColorizerService())
                .run();
    }
}
