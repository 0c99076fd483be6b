package io.anidoc.sink;

import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.runtime.streams.DeadLetterOnBadRecord;
import io.anidoc.runtime.files.StaleTemporaries;
import io.anidoc.runtime.streams.StreamsApp;
import io.anidoc.sink.lifecycle.BlobLifecycle;
import io.vertx.core.Future;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

/**
 * Wires the sink service: the sink Streams application writing into {@code ANIDOC_OUTPUT_ROOT},
 * and the blob lifecycle of the shots it delivers.
 */
public final class SinkService {

    private SinkService() {
    }

    public static Future<?> setUp(ServiceContext ctx) throws Exception {
        SinkConfig config = SinkConfig.from(ctx.source());
        Files.createDirectories(config.outputRoot());
        // a sink killed mid-write leaves .<file>.<uuid>.tmp in a shot folder: <root>/<shot>/<layer>/<file>
        ctx.workers().executeBlocking(() -> StaleTemporaries.sweep(config.outputRoot(), 3, Instant.now()));
        Topics topics = ctx.topics();
        StreamsApp.startIn(ctx, "streams", ctx.serviceName(),
                SinkTopology.build(topics, ctx.blobStore(), config.outputRoot()), streamsProperties(ctx, topics));
        BlobLifecycle.start(ctx);
        return Future.succeededFuture();
    }

    static Properties streamsProperties(ServiceContext ctx, Topics topics) {
        return ctx.kafka().streamsProperties(ctx.kafka().defaultGroupId(), Map.of(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterOnBadRecord.class.getName(),
                DeadLetterOnBadRecord.DEAD_LETTER_TOPIC, topics.name(Topic.DEADLETTER),
                DeadLetterOnBadRecord.STATUS_TOPIC, topics.name(Topic.SHOTS_STATUS),
                DeadLetterOnBadRecord.STAGE, ctx.serviceName()));
    }
}
