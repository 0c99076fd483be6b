package io.anidoc.console;

import io.anidoc.runtime.service.HttpErrors;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.schemas.DeadLetter;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The operators' routes: the pipeline's groups, lag and throughput, dead letters and their replay. */
final class OperatorRoutes {

    private final ServiceContext ctx;
    private final ShotBoard board;
    private final PipelineView pipeline;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<String> pipelineTopics;

    OperatorRoutes(ServiceContext ctx, ShotBoard board, PipelineView pipeline, KafkaProducer<byte[], byte[]> producer,
                   List<String> pipelineTopics) {
        this.ctx = ctx;
        this.board = board;
        this.pipeline = pipeline;
        this.producer = producer;
        this.pipelineTopics = pipelineTopics;
    }

    void mount(Router api) {
        api.get("/pipeline").handler(this::pipeline);
        api.get("/deadletters").handler(rc -> rc.json(new JsonObject().put("deadLetters", board.deadLetters())));
        api.post("/deadletters/:id/replay").handler(this::replay);
    }

    private void pipeline(RoutingContext rc) {
        ctx.workers().executeBlocking(pipeline::groups, false).onComplete(ar -> {
            if (ar.failed()) {
                HttpErrors.send(rc.response(), 503, "kafka_unavailable", "cannot read the consumer groups: " + ar.cause().getMessage());
            } else {
                rc.json(new JsonObject().put("groups", ar.result())
                        .put("clipReportsLastMinute", board.throughput(System.currentTimeMillis())));
            }
        });
    }

    /** Sends the dead letter's original key and value back to the topic it was read from. */
    private void replay(RoutingContext rc) {
        String id = rc.pathParam("id");
        Optional<DeadLetter> found = board.deadLetter(id);
        if (found.isEmpty()) {
            HttpErrors.send(rc.response(), 404, "unknown_dead_letter", "no dead letter " + HttpErrors.echo(id) + " (ids are partition-offset)");
            return;
        }
        DeadLetter letter = found.get();
        if (letter.getValue() == null) {
            HttpErrors.send(rc.response(), 422, "not_replayable", "dead letter " + id + " kept no value to send again");
            return;
        }
        if (!pipelineTopics.contains(letter.getSourceTopic())) {
            HttpErrors.send(rc.response(), 422, "not_replayable", "dead letter " + id + " came from "
                    + HttpErrors.echo(letter.getSourceTopic()) + ", not one of this pipeline's topics");
            return;
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(letter.getSourceTopic(),
                bytes(letter.getKey()), bytes(letter.getValue()));
        ctx.workers().executeBlocking(() -> producer.send(record).get(30, TimeUnit.SECONDS), false).onComplete(ar -> {
            if (ar.failed()) {
                HttpErrors.send(rc.response(), 503, "kafka_unavailable", "cannot replay dead letter " + id + ": " + ar.cause().getMessage());
                return;
            }
            RecordMetadata sent = ar.result();
            JsonObject answer = board.replayed(id, System.currentTimeMillis()).orElseGet(JsonObject::new)
                    .put("replayedTo", new JsonObject().put("topic", sent.topic()).put("partition", sent.partition()).put("offset", sent.offset()));
            rc.response().setStatusCode(202);
            rc.json(answer);
        });
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
