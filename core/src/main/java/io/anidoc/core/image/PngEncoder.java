package io.anidoc.core.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.function.Supplier;
import java.util.zip.Deflater;

/**
 * PNG encoding of 8-bit gray, BGR and BGRA pixels with a fixed filter (none) and deflate at its
 * fastest level. OpenCV's encoder (libpng) tries all five row filters on every row, which costs
 * several times the compression itself on flat-colored frames, and OpenCV 4.9 cannot turn that off.
 *
 * <p>A color image of at most 256 distinct colors (a flat fill, a line layer, most colorized
 * frames) is written indexed: one byte per pixel or less (1, 2 or 4 bits for up to 2, 4 or 16
 * colors) and a palette (with the alphas in a tRNS chunk for an
 * image with an alpha channel) instead of three or four, which deflate compresses in a third of the time
 * and every PNG decoder expands to the same pixels. The bytes depend only on the pixels: the palette
 * lists the colors in the order they first appear, and there are no timestamps or ancillary chunks.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 137, 80, 78, 71, 13, 10, 26, 10};
    private static final int FILTER_NONE = 0;
    private static final int MAX_PALETTE = 256;

    private PngEncoder() {
    }

    /**
     * @param pixels       rows top to bottom, channels interleaved in OpenCV order (gray, BGR or BGRA)
     * @param channels     1, 3 or 4
     * @param pngOrder     the same pixels in PNG's channel order (gray, RGB or RGBA), asked for only
     *                     when the image is written in true color
     */
    static byte[] encode(byte[] pixels, int width, int height, int channels, Supplier<byte[]> pngOrder) {
        if (channels != 1 && channels != 3 && channels != 4) {
            throw new IllegalArgumentException("PNG output needs 1, 3 or 4 channels, got " + channels);
        }
        if (width < 1 || height < 1 || pixels.length != (long) width * height * channels) {
            throw new IllegalArgumentException("pixel data does not match " + width + "x" + height + "x" + channels);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + pixels.length / 16);
        out.writeBytes(SIGNATURE);
        Indexed indexed = channels == 1 ? null : Indexed.of(pixels, channels);
        int colorType = indexed != null ? 3 : switch (channels) {
            case 1 -> 0;
            case 3 -> 2;
            default -> 6;
        };
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        int bits = indexed != null ? indexed.bitDepth() : 8;
        header[8] = (byte) bits;
        header[9] = (byte) colorType; // compression, filter and interlace methods stay 0
        chunk(out, "IHDR", header, header.length);
        byte[] idat;
        if (indexed != null) {
            chunk(out, "PLTE", indexed.rgb(), indexed.rgb().length);
            if (indexed.alpha() != null) {
                chunk(out, "tRNS", indexed.alpha(), indexed.alpha().length);
            }
            idat = deflate(packedRows(indexed.indices(), width, height, bits));
        } else {
            byte[] samples = channels == 1 ? pixels : pngOrder.get();
            if (samples.length != pixels.length) {
                throw new IllegalArgumentException("the pixels in PNG order do not match the image");
            }
            idat = deflateRows(samples, height, width * channels);
        }
        chunk(out, "IDAT", idat, idat.length);
        chunk(out, "IEND", new byte[0], 0);
        return out.toByteArray();
    }

    /**
     * Palette indices packed leftmost pixel first at {@code bits} per pixel, each row led by its filter
     * byte: the image data before compression.
     */
    private static byte[] packedRows(byte[] indices, int width, int height, int bits) {
        if (bits == 8) {
            byte[] rows = new byte[height * (width + 1)];
            for (int y = 0; y < height; y++) {
                rows[y * (width + 1)] = FILTER_NONE;
                System.arraycopy(indices, y * width, rows, y * (width + 1) + 1, width);
            }
            return rows;
        }
        int perByte = 8 / bits;
        int stride = (width + perByte - 1) / perByte;
        byte[] rows = new byte[height * (stride + 1)];
        for (int y = 0; y < height; y++) {
            int at = y * (stride + 1) + 1;
            int from = y * width;
            int packed = 0;
            int filled = 0;
            for (int x = 0; x < width; x++) {
                packed = packed << bits | indices[from + x];
                filled += bits;
                if (filled == 8) {
                    rows[at++] = (byte) packed;
                    packed = 0;
                    filled = 0;
                }
            }
            if (filled > 0) {
                rows[at] = (byte) (packed << (8 - filled));
            }
        }
        return rows;
    }

    /** One zlib stream at the fastest level over image data whose rows lead with their filter byte. */
    private static byte[] deflate(byte[] rows) {
        return deflateRows(rows, 1, rows.length, null);
    }

    /**
     * One zlib stream at the fastest level over {@code height} rows of {@code stride} bytes of bare
     * samples, the filter byte fed before each row (the samples are not copied).
     */
    private static byte[] deflateRows(byte[] samples, int height, int stride) {
        return deflateRows(samples, height, stride, new byte[] {FILTER_NONE});
    }

    private static byte[] deflateRows(byte[] data, int height, int stride, byte[] filter) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        ByteArrayOutputStream idat = new ByteArrayOutputStream(64 + data.length / 16);
        byte[] buffer = new byte[1 << 16];
        try {
            for (int y = 0; y < height; y++) {
                if (filter != null) {
                    feed(deflater, filter, 0, 1, idat, buffer);
                }
                feed(deflater, data, y * stride, stride, idat, buffer);
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

    private static void feed(Deflater deflater, byte[] data, int offset, int length, ByteArrayOutputStream out,
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

    /**
     * An image as palette indices.
     *
     * @param rgb     the palette, red first, three bytes per color
     * @param alpha   per palette color its alpha (null for an image without an alpha channel)
     * @param indices one palette index per pixel
     */
    record Indexed(byte[] rgb, byte[] alpha, byte[] indices) {

        /** The fewest bits per index PNG allows for this palette: 1, 2, 4 or 8. */
        int bitDepth() {
            int colors = rgb.length / 3;
            return colors <= 2 ? 1 : colors <= 4 ? 2 : colors <= 16 ? 4 : 8;
        }

        /** Pixels apart of the quick look at an image's colors. */
        private static final int GLANCE_STEP = 7;

        /** The image indexed, or null when it holds more than 256 colors. */
        static Indexed of(byte[] pixels, int channels) {
            int n = pixels.length / channels;
            if (moreColorsThanAPalette(pixels, channels, GLANCE_STEP)) {
                return null;
            }
            byte[] indices = new byte[n];
            // colors as 0xAARRGGBB in an open-addressing table; flat images repeat the previous pixel most of the time
            int[] keys = new int[1024];
            int[] slots = new int[1024];
            boolean[] used = new boolean[1024];
            int[] colors = new int[MAX_PALETTE];
            int count = 0;
            int previous = 0;
            int previousIndex = -1;
            for (int p = 0, i = 0; p < n; p++, i += channels) {
                int argb = argb(pixels, i, channels);
                if (previousIndex < 0 || argb != previous) {
                    int h = slot(argb);
                    while (used[h] && keys[h] != argb) {
                        h = (h + 1) & 1023;
                    }
                    if (!used[h]) {
                        if (count == MAX_PALETTE) {
                            return null;
                        }
                        used[h] = true;
                        keys[h] = argb;
                        slots[h] = count;
                        colors[count++] = argb;
                    }
                    previous = argb;
                    previousIndex = slots[h];
                }
                indices[p] = (byte) previousIndex;
            }
            return palette(colors, count, channels, indices);
        }

        /**
         * True when every {@code step}-th pixel alone shows more than 256 colors: a frame of antialiased
         * lines over fills is told in a glance, not after a count over most of its pixels.
         */
        private static boolean moreColorsThanAPalette(byte[] pixels, int channels, int step) {
            int[] seen = new int[1024];
            boolean[] used = new boolean[1024];
            int count = 0;
            for (int i = 0; i < pixels.length; i += step * channels) {
                int argb = argb(pixels, i, channels);
                int h = slot(argb);
                while (used[h] && seen[h] != argb) {
                    h = (h + 1) & 1023;
                }
                if (!used[h]) {
                    if (++count > MAX_PALETTE) {
                        return true;
                    }
                    used[h] = true;
                    seen[h] = argb;
                }
            }
            return false;
        }

        /** The pixel at byte offset {@code i} (OpenCV order) as 0xAARRGGBB, opaque without an alpha channel. */
        private static int argb(byte[] pixels, int i, int channels) {
            return (channels == 4 ? (pixels[i + 3] & 0xff) << 24 : 0xff000000)
                    | (pixels[i + 2] & 0xff) << 16 | (pixels[i + 1] & 0xff) << 8 | (pixels[i] & 0xff);
        }

        /** A color's first slot in a 1024-slot open-addressing table. */
        private static int slot(int argb) {
            return (argb * 0x9E3779B1) >>> 22;
        }

        private static Indexed palette(int[] colors, int count, int channels, byte[] indices) {
            byte[] rgb = new byte[3 * count];
            // an image with an alpha channel keeps one, opaque or not: decoders give four channels
            // back for a palette with a tRNS chunk and three without
            byte[] alpha = channels == 4 ? new byte[count] : null;
            for (int k = 0; k < count; k++) {
                rgb[3 * k] = (byte) (colors[k] >>> 16);
                rgb[3 * k + 1] = (byte) (colors[k] >>> 8);
                rgb[3 * k + 2] = (byte) colors[k];
                if (alpha != null) {
                    alpha[k] = (byte) (colors[k] >>> 24);
                }
            }
            return new Indexed(rgb, alpha, indices);
        }
    }
}
