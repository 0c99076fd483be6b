package io.anidoc.runtime.stage;

import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotStatus;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * The work on one record, on a worker thread: decode, process, publish the output and its
 * progress report and wait for the acknowledgements; a record that cannot be decoded or processed
 * goes to the dead letter topic with its cause, with a {@code FAILED} report for its shot. What
 * the worker cannot go on from (a dead letter that cannot be written, an {@link Error}) is handed
 * to {@link Outcomes#fatal}.
 */
final class RecordWork<I, O> {

    private static final Logger LOG = LoggerFactory.getLogger(RecordWork.class);

    /** What the worker tells and is told about a record's fate. */
    interface Outcomes {
        /** The worker is stopping the way a crash would: nothing more is written. */
        boolean aborting();

        /** The worker still takes records (not stopping, not failed). */
        boolean running();

        /** The worker cannot go on. */
        void fatal(Throwable cause);
    }

    /** Where a stage writes. */
    record Topics(String output, String status, String deadLetter) {
    }

    private final String stage;
    private final StageProcessor<I, O> processor;
    private final Deserializer<I> inputDeserializer;
    private final Serializer<O> outputSerializer;
    private final Serializer<ShotStatus> statusSerializer = EventSerdes.of(ShotStatus.class);
    private final Serializer<DeadLetter> deadLetterSerializer = EventSerdes.of(DeadLetter.class);
    private final Producer<byte[], byte[]> producer;
    private final Topics topics;
    private final StageMetrics metrics;
    private final Outcomes outcomes;

    RecordWork(String stage, StageProcessor<I, O> processor, Deserializer<I> inputDeserializer,
               Serializer<O> outputSerializer, Producer<byte[], byte[]> producer, Topics topics,
               StageMetrics metrics, Outcomes outcomes) {
        this.stage = stage;
        this.processor = processor;
        this.inputDeserializer = inputDeserializer;
        this.outputSerializer = outputSerializer;
        this.producer = producer;
        this.topics = topics;
        this.metrics = metrics;
        this.outcomes = outcomes;
    }

    /** True when the record's output or its dead letter is acknowledged, so its offset may be committed. */
    boolean handle(ConsumerRecord<byte[], byte[]> record) {
        long start = System.nanoTime();
        ClipRef clip = null;
        try {
            I input = decode(record);
            clip = processor.describe(input);
            StageOutput<O> output = processor.process(input);
            send(topics.output(), output.key().getBytes(StandardCharsets.UTF_8),
                    outputSerializer.serialize(topics.output(), output.value()));
            if (clip != null) {
                report(clip, statusSerializer.serialize(topics.status(), StageReports.progress(stage, clip, now())));
            }
            metrics.processed(Duration.ofNanos(System.nanoTime() - start));
            return true;
        } catch (Exception e) {
            if (abandoned(e)) {
                return false;
            }
            return deadLetter(record, clip, StageReports.unwrap(e), start);
        } catch (Error e) {
            // the JVM is in trouble (out of memory, missing native code): stop visibly rather than stall the partition
            if (!outcomes.aborting()) {
                outcomes.fatal(new IllegalStateException(stage + " cannot process " + where(record) + ": " + e, e));
            }
            return false;
        }
    }

    private I decode(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("the record has no value");
        }
        I input = inputDeserializer.deserialize(record.topic(), record.headers(), record.value());
        if (input == null) {
            throw new IllegalArgumentException("the record's value decodes to nothing");
        }
        return input;
    }

    /** True when the record was cut off by a stop, not by its own fault: then it is redone, not dead-lettered. */
    private boolean abandoned(Exception e) {
        if (outcomes.aborting()) {
            return true;
        }
        return !outcomes.running() && (Thread.currentThread().isInterrupted()
                || StageReports.unwrap(e) instanceof InterruptedException);
    }

    private boolean deadLetter(ConsumerRecord<byte[], byte[]> record, ClipRef clip, Throwable cause, long start) {
        try {
            DeadLetter letter = StageReports.deadLetter(stage, record, clip, cause, now());
            send(topics.deadLetter(), record.key(), deadLetterSerializer.serialize(topics.deadLetter(), letter));
            if (clip != null) {
                report(clip, statusSerializer.serialize(topics.status(), StageReports.failed(stage, clip, cause, now())));
            }
            metrics.failed(Duration.ofNanos(System.nanoTime() - start));
            LOG.warn("{} sent {} to {}: {} ({})", stage, where(record), topics.deadLetter(), letter.getCause(),
                    letter.getCauseClass());
            return true;
        } catch (Exception e) {
            if (!outcomes.aborting()) {
                outcomes.fatal(new IllegalStateException("cannot write the dead letter for " + where(record) + " to "
                        + topics.deadLetter() + ": " + StageReports.message(StageReports.unwrap(e)), e));
            }
            return false;
        }
    }

    private void send(String topic, byte[] key, byte[] value) throws InterruptedException, ExecutionException {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    /** Status reports are informative: a failed report is logged, it does not fail the record. */
    private void report(ClipRef clip, byte[] status) throws InterruptedException {
        try {
            send(topics.status(), clip.shotId().getBytes(StandardCharsets.UTF_8), status);
        } catch (ExecutionException e) {
            LOG.warn("{} could not report the status of {}: {}", stage, clip.clipId(), e.getCause().toString());
        }
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
