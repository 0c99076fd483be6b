package io.anidoc.ingest.api;

import io.anidoc.schemas.serde.EventSerdes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes events with the idempotent {@code acks=all} producer; the future completes on the
 * caller's context once Kafka acknowledged the record.
 */
public final class EventPublisher {

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final Producer<String, byte[]> producer;

    public EventPublisher(Vertx vertx, WorkerExecutor workers, Producer<String, byte[]> producer) {
        this.vertx = vertx;
        this.workers = workers;
        this.producer = producer;
    }

    public <T extends SpecificRecord> Future<RecordMetadata> publish(String topic, String key, T event) {
        Context context = vertx.getOrCreateContext();
        Promise<RecordMetadata> acknowledged = Promise.promise();
        // encoding (a declaration may list 100000 keyframes) and send(), which may block while it
        // fetches metadata, stay off the event loop
        workers.executeBlocking(() -> producer.send(new ProducerRecord<>(topic, key, encode(topic, event)), (metadata, error) ->
                        context.runOnContext(ignored -> {
                            if (error != null) {
                                acknowledged.tryFail(new PublishException(topic, error));
                            } else {
                                acknowledged.tryComplete(metadata);
                            }
                        })), false)
                .onFailure(error -> acknowledged.tryFail(new PublishException(topic, error)));
        return acknowledged.future();
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] encode(String topic, T event) {
        return EventSerdes.of((Class<T>) event.getClass()).serializer().serialize(topic, event);
    }
}
