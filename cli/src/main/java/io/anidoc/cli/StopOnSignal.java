package io.anidoc.cli;

import java.util.concurrent.CountDownLatch;

/** For commands that run until SIGTERM or Ctrl-C: the stop runs in a shutdown hook, then logging ends. */
final class StopOnSignal {

    private StopOnSignal() {
    }

    /** Registers {@code stop}; the returned latch opens once it ran, so the command's thread can wait on it. */
    static CountDownLatch register(Runnable stop, String threadName) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } finally {
                stopped.countDown();
                CliLogging.shutdown();
            }
        }, threadName));
        return stopped;
    }
}
