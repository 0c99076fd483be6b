package io.anidoc.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.anidoc.embedded.kafka.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "broker", mixinStandardHelpOptions = true,
        header = "Run a standalone local Kafka broker (KRaft, broker and controller in one) until Ctrl-C.",
        description = {
            "For running services as separate processes on one machine (./anidoc service NAME): prints the "
                + "bootstrap servers to give them as ANIDOC_KAFKA_BOOTSTRAP_SERVERS and runs until SIGTERM or Ctrl-C.",
            "The data folder keeps the broker's logs and its ports: a later start on the same folder recovers its "
                + "topics and listens on the same ports. Stop it with Ctrl-C or SIGTERM: killed with SIGKILL, one node "
                + "can lose the markers of transactions it was completing, and exactly-once readers then wait for them "
                + "(docs/operations.md). Not for production: one node, no replication."})
final class BrokerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "anidoc-data/kafka", paramLabel = "DIR",
            description = "Folder of the broker's data (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", defaultValue = "9092",
            description = "Client port for a new data folder; 0 picks a free one; a folder used before keeps its port (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        CliLogging.toErrorStream("warn");
        EmbeddedKafka kafka = EmbeddedKafka.builder().dataDir(dataDir).brokerPort(port).start();
        CountDownLatch stopped = StopOnSignal.register(kafka::close, "anidoc-broker-stop");
        PrintWriter out = spec.commandLine().getOut();
        out.println("anidoc broker is up");
        out.println("  Kafka bootstrap: " + kafka.bootstrapServers());
        out.println("  data in:         " + kafka.dataDir().toAbsolutePath());
        out.println("Run a service:   ANIDOC_KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers()
                + " ANIDOC_TOPIC_REPLICATION_FACTOR=1 ./anidoc service NAME");
        out.println("Ctrl-C stops.");
        out.flush();
        stopped.await();
        return Anidoc.OK;
    }
}
