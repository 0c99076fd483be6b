package io.anidoc.core.lineart;

/** Per-pixel class codes of a line art ink mask. */
public final class InkClass {
    /** Paper: no ink, part of a fill region. */
    public static final byte PAPER = 0;
    /** Main line: dark (black or grey) ink that stays visible in the final frame. */
    public static final byte MAIN = 1;
    /** Trace line: saturated colored ink (red, blue, green) that bounds regions and is painted over. */
    public static final byte TRACE = 2;

    private InkClass() {
    }
}
