package io.anidoc.ingest.assembler;

import io.anidoc.schemas.BlobRef;
import io.anidoc.schemas.FrameIngested;
import io.anidoc.schemas.FrameKind;
import io.anidoc.schemas.ShotEvent;
import io.anidoc.schemas.ShotOpened;
import io.anidoc.schemas.ShotSealed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Events as ingest writes them, with blob references derived from a label so each image is distinct. */
final class ShotEvents {

    private ShotEvents() {
    }

    static ShotEvent opened(String shotId, int frameCount, List<Integer> keys, Map<String, String> options) {
        return opened(shotId, frameCount, keys, options, 1_000L);
    }

    /** A declaration accepted at {@code openedAtMs}: another time than a first declaration's is a new declaration. */
    static ShotEvent opened(String shotId, int frameCount, List<Integer> keys, Map<String, String> options, long openedAtMs) {
        return ShotEvent.newBuilder().setShotId(shotId).setEvent(ShotOpened.newBuilder()
                .setShotId(shotId).setDeclaredFrameCount(frameCount).setKeyframeIndices(keys)
                .setOptions(options).setOpenedAtMs(openedAtMs).build()).build();
    }

    static ShotEvent sealed(String shotId, int frameCount, List<Integer> keys, Map<String, String> options) {
        return ShotEvent.newBuilder().setShotId(shotId).setEvent(ShotSealed.newBuilder()
                .setShotId(shotId).setDeclaredFrameCount(frameCount).setKeyframeIndices(keys)
                .setOptions(options).setSealedAtMs(2_000L).build()).build();
    }

    static FrameIngested line(String shotId, int index) {
        return frame(shotId, FrameKind.LINE, index, "v1");
    }

    static FrameIngested key(String shotId, int index) {
        return frame(shotId, FrameKind.KEY, index, "v1");
    }

    static FrameIngested frame(String shotId, FrameKind kind, int index, String variant) {
        return FrameIngested.newBuilder()
                .setShotId(shotId)
                .setIndex(index)
                .setKind(kind)
                .setImage(blob(shotId + "/" + kind + "/" + index + "/" + variant))
                .setWidth(64)
                .setHeight(48)
                .setIngestedAtMs(1_500L)
                .build();
    }

    static BlobRef blob(String label) {
        String sha = sha256(label);
        return BlobRef.newBuilder().setUri("blob:sha256/" + sha).setSha256(sha).setSize(label.length())
                .setMediaType("image/png").build();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
