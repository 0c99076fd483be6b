package io.anidoc.runtime.stage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The meters of one stage worker, all tagged {@code stage}:
 * {@code anidoc_stage_records_processed_total}, {@code anidoc_stage_records_failed_total}
 * (dead-lettered), {@code anidoc_stage_records_in_flight} (on worker threads),
 * {@code anidoc_stage_records_backlog} (taken from Kafka, not done) and
 * {@code anidoc_stage_record_latency_seconds} (from start of work to acknowledged output).
 */
final class StageMetrics {

    private final Counter processed;
    private final Counter failed;
    private final Timer latency;

    StageMetrics(MeterRegistry registry, String stage, Supplier<Number> inFlight, Supplier<Number> backlog) {
        processed = Counter.builder("anidoc.stage.records.processed")
                .description("Records whose output was acknowledged")
                .tag("stage", stage).register(registry);
        failed = Counter.builder("anidoc.stage.records.failed")
                .description("Records sent to the dead letter topic")
                .tag("stage", stage).register(registry);
        latency = Timer.builder("anidoc.stage.record.latency")
                .description("Time from the start of a record's work to its acknowledged output or dead letter")
                .tag("stage", stage).register(registry);
        Gauge.builder("anidoc.stage.records.in.flight", inFlight)
                .description("Records being worked on")
                .tag("stage", stage).strongReference(true).register(registry);
        Gauge.builder("anidoc.stage.records.backlog", backlog)
                .description("Records taken from Kafka whose output is not acknowledged yet")
                .tag("stage", stage).strongReference(true).register(registry);
    }

    void processed(Duration took) {
        processed.increment();
        latency.record(took);
    }

    void failed(Duration took) {
        failed.increment();
        latency.record(took);
    }
}
