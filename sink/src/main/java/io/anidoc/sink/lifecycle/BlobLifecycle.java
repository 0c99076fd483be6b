package io.anidoc.sink.lifecycle;

import io.anidoc.runtime.config.BlobStoreConfig;
import io.anidoc.runtime.kafka.Topic;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.schemas.ShotFinished;
import io.anidoc.schemas.serde.EventSerdes;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The blob lifecycle of delivered shots, run by the sink: intermediates are deleted
 * {@code ANIDOC_BLOB_INTERMEDIATE_GRACE} after delivery, inputs and deliverables
 * {@code ANIDOC_BLOB_RETENTION} after; a zero duration keeps them. Each runs as its own
 * {@link BlobExpiry} with its own consumer group on {@code anidoc.shots.finished}.
 */
public final class BlobLifecycle {

    private BlobLifecycle() {
    }

    public static void start(ServiceContext ctx) {
        BlobStoreConfig.Lifecycle lifecycle = ctx.config().blob().lifecycle();
        start(ctx, "intermediates", lifecycle.intermediateGrace(), ShotFinished::getIntermediateBlobs);
        start(ctx, "retention", lifecycle.retention(), BlobLifecycle::everything);
    }

    private static void start(ServiceContext ctx, String name, Duration delay, Function<ShotFinished, List<String>> doomed) {
        if (delay.isZero()) {
            return;
        }
        String group = ctx.kafka().defaultGroupId() + "-blob-" + name;
        ctx.onClose(BlobExpiry.start(name,
                ctx.kafka().consumer(group, new StringDeserializer(), new ByteArrayDeserializer()),
                ctx.topics().name(Topic.SHOTS_FINISHED), EventSerdes.of(ShotFinished.class), ctx.blobStore(),
                delay, doomed, Clock.systemUTC()));
    }

    /** At the end of the retention the shot goes whole, intermediates included should any be left. */
    private static List<String> everything(ShotFinished shot) {
        List<String> all = new ArrayList<>(shot.getInputBlobs());
        all.addAll(shot.getDeliverableBlobs());
        all.addAll(shot.getIntermediateBlobs());
        return all;
    }
}
