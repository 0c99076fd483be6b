package io.anidoc.core.pipeline;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

/**
 * The Zstandard frames the stages hand on (line art, dense correspondences): level 1, Zstandard's
 * fastest regular level, whose bytes are a pure function of the input; each frame states its
 * content size, so a reader checks the size before it allocates anything for it.
 */
public final class Zstandard {

    private static final int LEVEL = 1;

    private Zstandard() {
    }

    public static byte[] compress(byte[] raw) {
        return Zstd.compress(raw, LEVEL);
    }

    /** The content size the frame's header states, or -1 when the bytes are no frame that states one. */
    public static long statedSize(byte[] frame) {
        long size = Zstd.getFrameContentSize(frame);
        return size < 0 ? -1 : size;
    }

    /**
     * Decompresses exactly {@code size} bytes.
     *
     * @param corrupt the start of the message when the frame does not decompress to that many bytes
     * @throws IllegalArgumentException with {@code corrupt} and the reason
     */
    public static byte[] decompress(byte[] frame, int size, String corrupt) {
        byte[] raw = new byte[size];
        try {
            long read = Zstd.decompressByteArray(raw, 0, size, frame, 0, frame.length);
            if (read != size) {
                throw new IllegalArgumentException(corrupt + "holds " + read + " of its " + size + " bytes");
            }
        } catch (ZstdException e) {
            throw new IllegalArgumentException(corrupt + e.getMessage(), e);
        }
        return raw;
    }
}
