package io.anidoc.runtime.streams;

import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A record that cannot be decoded goes to the dead-letter topic with its original bytes, a FAILED
 * status names it, and the application goes on with the next record.
 *
 * <p>Configured through the Streams properties {@value #DEAD_LETTER_TOPIC}, {@value #STATUS_TOPIC}
 * and {@value #STAGE}.
 */
public final class DeadLetterOnBadRecord implements DeserializationExceptionHandler {

    public static final String DEAD_LETTER_TOPIC = "anidoc.deadletter.topic";
    public static final String STATUS_TOPIC = "anidoc.status.topic";
    public static final String STAGE = "anidoc.stage";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterOnBadRecord.class);

    private String deadLetterTopic;
    private String statusTopic;
    private String stage;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = Objects.requireNonNull((String) configs.get(DEAD_LETTER_TOPIC), DEAD_LETTER_TOPIC + " is not set");
        statusTopic = (String) configs.get(STATUS_TOPIC);
        stage = Objects.toString(configs.get(STAGE), "streams");
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        LOG.warn("{}: undecodable record {}-{}@{} sent to {}: {}", stage, record.topic(), record.partition(),
                record.offset(), deadLetterTopic, exception.getMessage());
        String shotId = DeadLetters.shotIdOfKey(record.key());
        long now = System.currentTimeMillis();
        DeadLetter letter = DeadLetters.of(stage, exception, record.topic(), record.partition(), record.offset(),
                record.key(), record.value(), shotId, now);
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        out.add(new ProducerRecord<>(deadLetterTopic, null, record.timestamp(), record.key(),
                EventSerdes.of(DeadLetter.class).serializer().serialize(deadLetterTopic, letter)));
        if (statusTopic != null && shotId != null) {
            ShotStatus failed = DeadLetters.failed(stage, shotId, null, "undecodable record on " + record.topic()
                    + " at offset " + record.offset() + ": " + exception.getMessage(), now);
            out.add(new ProducerRecord<>(statusTopic, null, record.timestamp(), shotId.getBytes(StandardCharsets.UTF_8),
                    EventSerdes.of(ShotStatus.class).serializer().serialize(statusTopic, failed)));
        }
        return Response.resume(out);
    }
}
