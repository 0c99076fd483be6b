package io.anidoc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

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
        // the server's types stay out of this class: picocli reflects on every command's methods,
        // and the services' archive runs without the embedded module
        InferenceServing.serveUntilStopped(repository, port, spec.commandLine().getOut());
        return Anidoc.OK;
    }
}
