package io.anidoc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.anidoc.embedded.inference.InferenceServer;
import io.anidoc.embedded.inference.ModelState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "inference-server", mixinStandardHelpOptions = true,
        header = "Serve the ONNX models of a Triton model repository on the CPU, over Triton's gRPC protocol.",
        description = {
            "A stand-in for Triton on a machine without a GPU: every model directory whose config.pbtxt names the "
                + "onnxruntime backend is served with ONNX Runtime; models of other backends are listed as "
                + "UNAVAILABLE with the reason. Point the stage services at it with ANIDOC_TRITON_TARGET=host:PORT.",
            "Runs until SIGTERM or Ctrl-C, which let running calls finish for up to 5 seconds."})
final class InferenceServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model-repository", required = true, paramLabel = "DIR",
            description = "The Triton model repository: <model>/config.pbtxt and <model>/<version>/model.onnx.")
    Path repository;

    @Option(names = "--port", defaultValue = "8001",
            description = "gRPC port on every interface; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isDirectory(repository)) {
            throw new ParameterException(spec.commandLine(), "--model-repository " + repository + " is not a directory");
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got " + port);
        }
        CliLogging.toErrorStream("info");
        InferenceServer server = InferenceServer.start(repository, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } finally {
                stopped.countDown();
                CliLogging.shutdown();
            }
        }, "anidoc-inference-server-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("inference server on port " + server.port() + " (gRPC, KServe v2) serving " + repository.toAbsolutePath());
        for (ModelState model : server.models()) {
            out.println("  " + model.name() + " " + model.state()
                    + (model.reason() == null || model.reason().isEmpty() ? "" : ": " + model.reason()));
        }
        out.println("Ctrl-C stops.");
        out.flush();
        stopped.await();
        return Anidoc.OK;
    }
}
