package io.anidoc.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** PNG files built or damaged byte by byte, for tests of image validation. */
public final class PngBytes {

    private PngBytes() {
    }

    /**
     * A well-formed PNG whose header declares the given size but whose data holds a single row:
     * what a decompression bomb looks like to a header check.
     */
    public static byte[] declaringSize(long width, long height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt((int) width).putInt((int) height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] buffer = new byte[256];
        int length = deflater.deflate(buffer);
        deflater.end();
        chunk(png, "IDAT", Arrays.copyOf(buffer, length));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** The same PNG with bytes inside its image data changed, so a chunk CRC no longer matches. */
    public static byte[] withDamagedData(byte[] png) {
        byte[] damaged = png.clone();
        int idat = indexOf(damaged, "IDAT".getBytes(StandardCharsets.ISO_8859_1));
        for (int i = idat + 6; i < idat + 14 && i < damaged.length - 12; i++) {
            damaged[i] ^= 0x5A;
        }
        return damaged;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + new String(needle, StandardCharsets.ISO_8859_1) + " chunk");
    }
}
