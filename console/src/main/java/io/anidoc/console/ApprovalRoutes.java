package io.anidoc.console;

import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.service.HttpErrors;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.schemas.ShotApproved;
import io.anidoc.schemas.serde.EventSerdes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Approving a delivered version: one {@link ShotApproved} event on its own topic for compositing to wait for. */
final class ApprovalRoutes {

    private static final int MAX_NOTE = 2000;

    private final ServiceContext ctx;
    private final ShotBoard board;
    private final ShotFiles files;
    private final KafkaProducer<byte[], byte[]> producer;

    ApprovalRoutes(ServiceContext ctx, ShotBoard board, ShotFiles files, KafkaProducer<byte[], byte[]> producer) {
        this.ctx = ctx;
        this.board = board;
        this.files = files;
        this.producer = producer;
    }

    void mount(Router api) {
        api.post("/shots/:shotId/approve").handler(ctx.bodyHandler()).handler(this::approve);
    }

    private void approve(RoutingContext rc) {
        String shotId = rc.pathParam("shotId");
        if (board.shot(shotId).isEmpty()) {
            HttpErrors.send(rc.response(), 404, "unknown_shot", "no shot " + HttpErrors.echo(shotId) + " on the status or finished topics");
            return;
        }
        JsonObject body;
        try {
            body = rc.body().asJsonObject();
        } catch (RuntimeException e) {
            HttpErrors.send(rc.response(), 400, "invalid_json", "the body must be a JSON object: " + HttpErrors.echo(e.getMessage()));
            return;
        }
        Object version = body == null ? null : body.getValue("version");
        Object note = body == null ? null : body.getValue("note");
        if (!(version instanceof Integer number) || (note != null && !(note instanceof String))
                || (note instanceof String text && text.length() > MAX_NOTE)) {
            HttpErrors.send(rc.response(), 400, "invalid_approval", "send {\"version\": N} with an optional \"note\" of at most "
                    + MAX_NOTE + " characters");
            return;
        }
        int latest = board.latestVersion(shotId);
        if (latest == 0) {
            HttpErrors.send(rc.response(), 409, "shot_not_finished", "shot " + shotId + " has no delivered version to approve yet");
            return;
        }
        if (!board.delivered(shotId, number)) {
            HttpErrors.send(rc.response(), 404, "unknown_version", "shot " + shotId + " has no delivered version " + number);
            return;
        }
        String topic = ctx.topics().name(Topic.SHOTS_APPROVED);
        ShotApproved approved = ShotApproved.newBuilder().setShotId(shotId).setVersion(number)
                .setOutputDir(files.folder(shotId, number).toString()).setNote((String) note)
                .setApprovedAtMs(System.currentTimeMillis()).build();
        byte[] value = EventSerdes.of(ShotApproved.class).serializer().serialize(topic, approved);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, shotId.getBytes(StandardCharsets.UTF_8), value);
        ctx.workers().executeBlocking(() -> producer.send(record).get(30, TimeUnit.SECONDS), false).onComplete(ar -> {
            if (ar.failed()) {
                HttpErrors.send(rc.response(), 503, "kafka_unavailable", "cannot publish the approval: " + ar.cause().getMessage());
                return;
            }
            rc.response().setStatusCode(202);
            rc.json(new JsonObject().put("shotId", shotId).put("version", number)
                    .put("topic", topic).put("partition", ar.result().partition()).put("offset", ar.result().offset()));
        });
    }
}
