package io.anidoc.cli;

import io.anidoc.embedded.inference.InferenceServer;
import io.anidoc.embedded.inference.ModelState;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Runs the embedded inference server until the JVM is asked to stop (SIGTERM, Ctrl-C). */
final class InferenceServing {

    private InferenceServing() {
    }

    static void serveUntilStopped(Path repository, int port, PrintWriter out) throws IOException, InterruptedException {
        InferenceServer server = InferenceServer.start(repository, port);
        CountDownLatch stopped = StopOnSignal.register(server::close, "anidoc-inference-server-stop");
        out.println("inference server on port " + server.port() + " (gRPC, KServe v2) serving " + repository.toAbsolutePath());
        for (ModelState model : server.models()) {
            out.println("  " + model.name() + " " + model.state()
                    + (model.reason() == null || model.reason().isEmpty() ? "" : ": " + model.reason()));
        }
        out.println("Ctrl-C stops.");
        out.flush();
        stopped.await();
    }
}
