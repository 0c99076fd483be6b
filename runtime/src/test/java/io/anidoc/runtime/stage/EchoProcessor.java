package io.anidoc.runtime.stage;

import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.ClipMatched;
import io.anidoc.schemas.ClipTask;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A deterministic stage for tests of the worker: reads the line art blob of the clip's first
 * frame (so a missing blob fails the record the way it fails a real stage), stores a "matches"
 * blob derived from it and the clip id, and answers a {@link ClipMatched}. It counts how many
 * records run at once and can hold chosen records until released.
 */
class EchoProcessor implements StageProcessor<ClipTask, ClipMatched> {

    static final String MEDIA_TYPE = "application/x-anidoc-matches";

    private final BlobStore blobs;
    private final Duration workTime;
    private final Predicate<ClipTask> hold;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peakActive = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    EchoProcessor(BlobStore blobs, Duration workTime, Predicate<ClipTask> hold) {
        this.blobs = blobs;
        this.workTime = workTime;
        this.hold = hold;
    }

    EchoProcessor(BlobStore blobs, Duration workTime) {
        this(blobs, workTime, task -> false);
    }

    @Override
    public StageOutput<ClipMatched> process(ClipTask task) throws Exception {
        peakActive.accumulateAndGet(active.incrementAndGet(), Math::max);
        calls.incrementAndGet();
        try {
            if (hold.test(task) && !released.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("held record was never released");
            }
            byte[] line = blobs.get(task.getFrames().get(0).getLine());
            if (!workTime.isZero()) {
                Thread.sleep(workTime.toMillis());
            }
            BlobRef matches = blobs.put(("matches of " + task.getClipId() + " over " + line.length + " bytes")
                    .getBytes(StandardCharsets.UTF_8), MEDIA_TYPE);
            return StageOutput.of(task.getClipId(), ClipMatched.newBuilder()
                    .setClipId(task.getClipId())
                    .setShotId(task.getShotId())
                    .setTask(task)
                    .setMatches(matches)
                    .setEngine("test-echo")
                    .setStageMillis(Map.of("echo", 0L))
                    .build());
        } finally {
            active.decrementAndGet();
        }
    }

    @Override
    public ClipRef describe(ClipTask task) {
        return new ClipRef(task.getShotId(), task.getClipId(), task.getClipCount());
    }

    void release() {
        released.countDown();
    }

    int peakActive() {
        return peakActive.get();
    }

    int calls() {
        return calls.get();
    }
}
