package io.anidoc.ingest;

import io.anidoc.core.image.OpenCv;
import io.anidoc.ingest.api.EventPublisher;
import io.anidoc.ingest.api.ShotRoutes;
import io.anidoc.ingest.assembler.AssemblerTopology;
import io.anidoc.ingest.image.ImageValidator;
import io.anidoc.ingest.state.IngestLedger;
import io.anidoc.ingest.state.LedgerFollower;
import io.anidoc.ingest.state.TopicTail;
import io.anidoc.ingest.status.ShotStatusView;
import io.anidoc.runtime.kafka.KafkaClients;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.runtime.streams.DeadLetterOnBadRecord;
import io.anidoc.runtime.streams.StreamsApp;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Wires the ingest service: the ledger rebuilt from the shots and frames topics, the status view
 * of the status topic, the HTTP API and, unless turned off, the assembler.
 */
public final class IngestService {

    private IngestService() {
    }

    public static Future<?> setUp(ServiceContext ctx) {
        IngestConfig config = IngestConfig.from(ctx.source());
        KafkaClients kafka = ctx.kafka();
        Topics topics = ctx.topics();

        IngestLedger ledger = new IngestLedger();
        TopicTail ledgerTail = ctx.onClose(new TopicTail(ctx.serviceName() + "-ledger",
                kafka.consumer(kafka.defaultGroupId() + "-ledger", new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                List.of(topics.name(Topic.SHOTS), topics.name(Topic.FRAMES)),
                new LedgerFollower(ledger, topics.name(Topic.SHOTS), topics.name(Topic.FRAMES))).start());
        ShotStatusView statusView = new ShotStatusView();
        TopicTail statusTail = ctx.onClose(new TopicTail(ctx.serviceName() + "-status",
                kafka.consumer(kafka.defaultGroupId() + "-status", new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                List.of(topics.name(Topic.SHOTS_STATUS)), statusView).start());

        KafkaProducer<String, byte[]> producer = ctx.onClose(kafka.producer(new StringSerializer(), new ByteArraySerializer()));
        ShotRoutes routes = new ShotRoutes(new ShotRoutes.Dependencies(ledger, statusView,
                new EventPublisher(ctx.vertx(), ctx.workers(), producer), ctx.blobStore(),
                new ImageValidator(config.imageLimits()), ctx.workers(), topics.name(Topic.SHOTS), topics.name(Topic.FRAMES),
                System::currentTimeMillis, ctx.meterRegistry(), config.tokens(), config.maxUploadBytes(), config.maxFrames()));

        ctx.readiness("ledger", () -> ledgerTail.caughtUp().isDone() && !ledgerTail.caughtUp().isCompletedExceptionally()
                ? Future.succeededFuture(new JsonObject().put("shots", ledger.shotCount()))
                : Future.failedFuture("still reading the shots and frames topics"));
        ctx.readiness("status-view", () -> statusTail.caughtUp().isCompletedExceptionally()
                ? Future.failedFuture("the status topic reader stopped") : Future.succeededFuture());
        if (config.runAssembler()) {
            StreamsApp.startIn(ctx, "assembler", "assembler",
                    AssemblerTopology.build(topics, config.maxDrawings()), streamsProperties(ctx, topics));
        }

        // routes go live only once the ledger knows everything accepted before, so idempotency holds across restarts
        ctx.starting("rebuilding the ledger from " + topics.name(Topic.SHOTS) + " and " + topics.name(Topic.FRAMES));
        return ctx.workers().executeBlocking(() -> {
            OpenCv.load();
            ledgerTail.caughtUp().get();
            return null;
        }).onSuccess(ignored -> routes.mount(ctx.router()));
    }

    static Properties streamsProperties(ServiceContext ctx, Topics topics) {
        return ctx.kafka().streamsProperties(topics.prefix() + "assembler", Map.of(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOnBadRecord.class.getName(),
                DeadLetterOnBadRecord.DEAD_LETTER_TOPIC, topics.name(Topic.DEADLETTER),
                DeadLetterOnBadRecord.STATUS_TOPIC, topics.name(Topic.SHOTS_STATUS),
                DeadLetterOnBadRecord.STAGE, "assembler"));
    }
}
