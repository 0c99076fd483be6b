package io.anidoc.runtime.streams;

import io.anidoc.schemas.DeadLetter;
import io.anidoc.schemas.ShotState;
import io.anidoc.schemas.ShotStatus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds the records a Streams application writes when it gives up on an input record. */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DeadLetter of(String stage, Throwable cause, String topic, int partition, long offset,
                                byte[] key, byte[] value, String shotId, long atMs) {
        return DeadLetter.newBuilder()
                .setStage(stage)
                .setCause(String.valueOf(cause.getMessage()))
                .setCauseClass(cause.getClass().getName())
                .setSourceTopic(topic == null ? "" : topic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setShotId(shotId)
                .setAtMs(atMs)
                .build();
    }

    public static ShotStatus failed(String stage, String shotId, String clipId, String message, long atMs) {
        return ShotStatuses.of(stage, shotId, ShotState.FAILED, clipId, 0, 0, message, atMs);
    }

    /** The shot a record key names: a shot id, or the shot part of a clip id ({@code shot/clip-003}). */
    public static String shotIdOfKey(byte[] key) {
        if (key == null) {
            return null;
        }
        String text = new String(key, StandardCharsets.UTF_8);
        int slash = text.indexOf('/');
        return slash < 0 ? text : text.substring(0, slash);
    }
}
