package io.anidoc.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.anidoc.cli.local.LocalStack;
import io.anidoc.cli.local.PipelineService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true,
        header = "Run the whole pipeline locally until Ctrl-C: embedded Kafka and every service in this process.",
        description = {
            "Starts an embedded Kafka broker and ingest (with the assembler), matcher, tracker, colorizer, sink and the "
                + "review console, prints the console's and the ingest's URL and the Kafka bootstrap servers, and runs until Ctrl-C or SIGTERM, which stop "
                + "the services gracefully and then the broker.",
            "Data lives in the work folder: kafka/ (the broker; a later start reuses it and its ports), blobs/, "
                + "out/<shotId>/ (finished shots) and streams/.",
            "Environment variables of docs/configuration.md apply to every service."})
final class UpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port of the ingest API; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface the ingest API binds; 0.0.0.0 accepts stations on other machines (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--console-port", defaultValue = "8090",
            description = "Port of the review console on 127.0.0.1; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int consolePort;

    @Option(names = "--work-dir", defaultValue = "anidoc-data", paramLabel = "DIR",
            description = "Folder of the pipeline's data (default ${DEFAULT-VALUE}).")
    Path workDir;

    @Override
    public Integer call() throws InterruptedException {
        CliLogging.toErrorStream("info");
        PrintWriter out = spec.commandLine().getOut();
        LocalStack stack = LocalStack.builder(workDir).ingestPort(port).ingestHost(host).console(consolePort).start();
        CountDownLatch stopped = StopOnSignal.register(stack::close, "anidoc-up-stop");
        out.println("anidoc pipeline is up (" + String.join(", ", PipelineService.names()) + ", console)");
        out.println("  console:           " + stack.consoleUri().orElseThrow());
        out.println("  ingest API:        " + stack.ingestUri() + "/v1/shots");
        out.println("  Kafka bootstrap:   " + stack.bootstrapServers());
        out.println("  finished shots in: " + stack.outputRoot());
        out.println("  data in:           " + stack.workDir());
        out.println("Submit a shot: ./anidoc submit SHOT --ingest " + stack.ingestUri() + " --wait");
        out.println("Watch:         ./anidoc watch --bootstrap " + stack.bootstrapServers());
        out.println("Ctrl-C stops.");
        out.flush();
        stopped.await();
        return Anidoc.OK;
    }
}
