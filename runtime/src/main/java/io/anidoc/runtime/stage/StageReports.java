package io.anidoc.runtime.stage;

import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The status reports and dead letters of a stage.
 *
 * <p>Progress is reported once per clip: {@code IN_PROGRESS} with {@code clipId}, {@code completed = 1}
 * and {@code total = clipCount}. Clips of a shot run in parallel on several replicas, in any
 * order and possibly more than once (at-least-once delivery), so no replica knows how many clips
 * are done: readers count the distinct clip ids reported by a stage for a shot.
 */
final class StageReports {

    private StageReports() {
    }

    static ShotStatus progress(String stage, ClipRef clip, long atMs) {
        return ShotStatus.newBuilder()
                .setShotId(clip.shotId())
                .setStage(stage)
                .setState(ShotState.IN_PROGRESS)
                .setClipId(clip.clipId())
                .setCompleted(1)
                .setTotal(clip.clipCount())
                .setAtMs(atMs)
                .build();
    }

    static ShotStatus failed(String stage, ClipRef clip, Throwable cause, long atMs) {
        return ShotStatus.newBuilder()
                .setShotId(clip.shotId())
                .setStage(stage)
                .setState(ShotState.FAILED)
                .setClipId(clip.clipId())
                .setCompleted(0)
                .setTotal(clip.clipCount())
                .setMessage(stage + " failed on " + clip.clipId() + ": " + message(cause))
                .setAtMs(atMs)
                .build();
    }

    static DeadLetter deadLetter(String stage, ConsumerRecord<byte[], byte[]> record, ClipRef clip,
                                 Throwable cause, long atMs) {
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setCause(message(cause))
                .setCauseClass(cause.getClass().getName())
                .setSourceTopic(record.topic())
                .setPartition(record.partition())
                .setOffset(record.offset())
                .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setShotId(clip == null ? null : clip.shotId())
                .setAtMs(atMs)
                .build();
    }

    /** The failure that matters: wrappers of asynchronous calls are taken off. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** The failure's message followed by the messages of its causes, so a wrapped root cause is not lost. */
    static String message(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Throwable current = failure;
        for (int depth = 0; current != null && depth < 5; depth++) {
            String own = current.getMessage() == null ? current.getClass().getSimpleName() : current.getMessage();
            if (text.indexOf(own) < 0) {
                if (text.length() > 0) {
                    text.append(": ");
                }
                text.append(own);
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return text.toString();
    }
}
