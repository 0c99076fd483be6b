package io.anidoc.console;

import io.anidoc.runtime.service.ServiceLauncher;

/** The console: painters review finished shots in a browser, operators watch the pipeline. */
public final class ConsoleMain {

    private ConsoleMain() {
    }

    public static void main(String[] args) {
        launcher().run();
    }

    /** The launcher reading the environment. */
    public static ServiceLauncher launcher() {
        return configure(ServiceLauncher.create("console"));
    }

    /** Adds the console's settings and setup to a launcher, e.g. one with its own settings for a one-JVM run. */
    public static ServiceLauncher configure(ServiceLauncher launcher) {
        return launcher.settings(ConsoleConfig.SETTINGS).setup(ConsoleService::setUp);
    }
}
