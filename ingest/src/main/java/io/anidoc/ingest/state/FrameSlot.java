package io.anidoc.ingest.state;

import io.anidoc.schemas.FrameKind;

import java.util.Locale;

/**
 * One place an image can fill in a shot: the line art or the colored keyframe at an index, or a
 * model sheet (index: its position among the declared sheet names).
 */
public record FrameSlot(FrameKind kind, int index) {

    public static FrameSlot line(int index) {
        return new FrameSlot(FrameKind.LINE, index);
    }

    public static FrameSlot key(int index) {
        return new FrameSlot(FrameKind.KEY, index);
    }

    public static FrameSlot sheet(int index) {
        return new FrameSlot(FrameKind.SHEET, index);
    }

    /** {@code line 3} or {@code key 0}, for messages. */
    public String describe() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + index;
    }
}
