package io.anidoc.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.kafka.KafkaClients;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerde;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "watch", mixinStandardHelpOptions = true,
        header = "Print finished shots and progress events as they arrive.",
        description = {
            "Reads <prefix>shots.finished and <prefix>shots.status in a fresh consumer group and prints one line per "
                + "event, from now on (or from the beginning), until Ctrl-C or --duration.",
            "Reads committed records only (isolation.level=read_committed, whatever the environment says): a "
                + "finished record of an aborted sink transaction is never shown.",
            "Kafka client settings of docs/configuration.md (ANIDOC_KAFKA_*, e.g. security) apply."})
final class WatchCommand implements java.util.concurrent.Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--topic-prefix", defaultValue = "anidoc.", paramLabel = "PREFIX",
            description = "Prefix of the pipeline's topics (default ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--from-beginning", description = "Print every event the topics hold, then follow.")
    boolean fromBeginning;

    @Option(names = "--offsets", description = "Start each line with the record's topic-partition@offset.")
    boolean offsets;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Stop after this long, e.g. 30s (default: until Ctrl-C).")
    Duration duration;

    private EventSerde<ShotStatus> statusSerde;
    private EventSerde<ShotFinished> finishedSerde;

    @Override
    public Integer call() throws InterruptedException {
        CliLogging.toErrorStream("warn");
        statusSerde = EventSerdes.of(ShotStatus.class);
        finishedSerde = EventSerdes.of(ShotFinished.class);
        ConfigSource source = ConfigSource.of(Map.of(
                "ANIDOC_KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "ANIDOC_TOPIC_PREFIX", topicPrefix,
                "ANIDOC_SERVICE_NAME", "watch",
                "POD_NAME", "")).withFallback(ConfigSource.env());
        RuntimeConfig config = RuntimeConfig.from(source, "watch");
        KafkaClients clients = new KafkaClients(config.kafka(), config.service());
        Topics topics = clients.topics();
        String finishedTopic = topics.name(Topic.SHOTS_FINISHED);
        String statusTopic = topics.name(Topic.SHOTS_STATUS);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> properties = new HashMap<>(clients.consumerProperties(topics.prefix() + "watch-" + UUID.randomUUID(),
                Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest")));
        // an aborted transaction's records are never shown, whatever the environment asks
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        CountDownLatch done = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            consumer.wakeup();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "anidoc-watch-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        try {
            consumer.subscribe(List.of(finishedTopic, statusTopic));
            out.println("watching " + finishedTopic + " and " + statusTopic + " at " + bootstrap
                    + (fromBeginning ? " from the beginning" : " from now on"));
            out.flush();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String line = record.topic().equals(finishedTopic) ? finished(record) : status(record);
                    out.println(offsets ? record.topic() + "-" + record.partition() + "@" + record.offset() + "  " + line : line);
                }
                out.flush();
            }
        } catch (WakeupException e) {
            // Ctrl-C
        } finally {
            consumer.close(Duration.ofSeconds(5));
            clients.close();
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        return Anidoc.OK;
    }

    private String finished(ConsumerRecord<byte[], byte[]> record) {
        ShotFinished event;
        try {
            event = finishedSerde.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return unreadable(record, e);
        }
        return TIME.format(Instant.ofEpochMilli(event.getFinishedAtMs())) + "  " + event.getShotId() + "  FINISHED  "
                + event.getFrameCount() + " frames in " + event.getOutputDir() + "  stage ms " + event.getStageMillis();
    }

    private String status(ConsumerRecord<byte[], byte[]> record) {
        ShotStatus event;
        try {
            event = statusSerde.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return unreadable(record, e);
        }
        StringBuilder line = new StringBuilder(TIME.format(Instant.ofEpochMilli(event.getAtMs())))
                .append("  ").append(event.getShotId())
                .append("  ").append(event.getStage())
                .append(' ').append(event.getState());
        if (event.getClipId() != null) {
            line.append(' ').append(event.getClipId());
        }
        if (event.getTotal() > 0) {
            line.append(' ').append(event.getCompleted()).append('/').append(event.getTotal());
        }
        if (event.getMessage() != null) {
            line.append("  ").append(event.getMessage());
        }
        return line.toString();
    }

    private static String unreadable(ConsumerRecord<byte[], byte[]> record, RuntimeException e) {
        return "unreadable record " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage();
    }
}
