package io.anidoc.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * PNG encoding of 8-bit gray, BGR and BGRA pixels with a fixed filter (none) and deflate at its
 * fastest level. OpenCV's encoder (libpng) tries all five row filters on every row, which costs
 * several times the compression itself on flat-colored frames, and OpenCV 4.9 cannot turn that off.
 * The bytes depend only on the pixels: no timestamps, no ancillary chunks.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
    private static final int FILTER_NONE = 0;

    private PngEncoder() {
    }

    /**
     * @param pixels   rows top to bottom, channels interleaved in PNG order (gray, RGB or RGBA)
     * @param channels 1, 3 or 4
     */
    static byte[] encode(byte[] pixels, int width, int height, int channels) {
        int colorType = switch (channels) {
            case 1 -> 0;
            case 3 -> 2;
            case 4 -> 6;
            default -> throw new IllegalArgumentException("PNG output needs 1, 3 or 4 channels, got " + channels);
        };
        if (width < 1 || height < 1 || pixels.length != (long) width * height * channels) {
            throw new IllegalArgumentException("pixel data does not match " + width + "x" + height + "x" + channels);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + pixels.length / 16);
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bit depth
        header[9] = (byte) colorType; // compression, filter and interlace methods stay 0
        chunk(out, "IHDR", header, header.length);
        byte[] idat = deflateRows(pixels, width, height, channels);
        chunk(out, "IDAT", idat, idat.length);
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    /** The image data: each row as filter byte + samples (RGB(A) order), deflated as one zlib stream. */
    private static byte[] deflateRows(byte[] pixels, int width, int height, int channels) {
        int stride = width * channels;
        byte[] filter = {FILTER_NONE};
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        ByteArrayOutputStream idat = new ByteArrayOutputStream(64 + pixels.length / 16);
        byte[] buffer = new byte[1 << 16];
        try {
            for (int y = 0; y < height; y++) {
                deflate(deflater, filter, 0, 1, idat, buffer);
                deflate(deflater, pixels, y * stride, stride, idat, buffer);
            }
            deflater.finish();
            while (!deflater.finished()) {
                idat.write(buffer, 0, deflater.deflate(buffer));
            }
        } finally {
            deflater.end();
        }
        return idat.toByteArray();
    }

    private static void deflate(Deflater deflater, byte[] data, int offset, int length, ByteArrayOutputStream out,
                                byte[] buffer) {
        deflater.setInput(data, offset, length);
        while (!deflater.needsInput()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int length) {
        byte[] head = new byte[8];
        putInt(head, 0, length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, head, 4, 4);
        out.write(head, 0, 8);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, 0, length);
        byte[] tail = new byte[4];
        putInt(tail, 0, (int) crc.getValue());
        out.write(tail, 0, 4);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
