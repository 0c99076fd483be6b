package io.anidoc.ingest.image;

import static io.anidoc.ingest.image.ImageRejectedException.Reason.CORRUPT;
import static io.anidoc.ingest.image.ImageRejectedException.Reason.UNSUPPORTED_FORMAT;

/**
 * Reads format and dimensions from the first bytes of PNG, JPEG and TIFF files without decoding
 * pixels: PNG's IHDR chunk, JPEG's start-of-frame segment, TIFF's first image directory.
 */
public final class ImageHeaders {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private ImageHeaders() {
    }

    public static ImageHeader read(byte[] bytes) throws ImageRejectedException {
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return png(bytes);
        }
        if (bytes.length >= 3 && u8(bytes, 0) == 0xFF && u8(bytes, 1) == 0xD8 && u8(bytes, 2) == 0xFF) {
            return jpeg(bytes);
        }
        if (bytes.length >= 4 && ((bytes[0] == 'I' && bytes[1] == 'I') || (bytes[0] == 'M' && bytes[1] == 'M'))) {
            return tiff(bytes);
        }
        throw new ImageRejectedException(UNSUPPORTED_FORMAT,
                "not a PNG, JPEG or TIFF image (the first bytes match none of them)");
    }

    private static ImageHeader png(byte[] bytes) throws ImageRejectedException {
        // signature, IHDR length and type, then width and height
        if (bytes.length < 8 + 8 + 8) {
            throw corrupt("truncated PNG: " + bytes.length + " bytes end before the IHDR chunk");
        }
        if (readInt(bytes, 8, false) != 13 || !(bytes[12] == 'I' && bytes[13] == 'H' && bytes[14] == 'D' && bytes[15] == 'R')) {
            throw corrupt("corrupt PNG: the first chunk is not a 13-byte IHDR");
        }
        long width = readInt(bytes, 16, false) & 0xFFFFFFFFL;
        long height = readInt(bytes, 20, false) & 0xFFFFFFFFL;
        return header(ImageFormat.PNG, width, height);
    }

    private static ImageHeader jpeg(byte[] bytes) throws ImageRejectedException {
        int pos = 2;
        while (pos < bytes.length) {
            if (u8(bytes, pos) != 0xFF) {
                throw corrupt("corrupt JPEG: expected a marker at byte " + pos);
            }
            while (pos < bytes.length && u8(bytes, pos) == 0xFF) {
                pos++; // fill bytes
            }
            if (pos >= bytes.length) {
                break;
            }
            int marker = u8(bytes, pos++);
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // markers without a length
            }
            if (marker == 0xD9 || marker == 0xDA) {
                throw corrupt("corrupt JPEG: no frame header before the image data");
            }
            if (pos + 2 > bytes.length) {
                break;
            }
            int length = (u8(bytes, pos) << 8) | u8(bytes, pos + 1);
            if (length < 2) {
                throw corrupt("corrupt JPEG: segment length " + length + " at byte " + pos);
            }
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                if (pos + 7 > bytes.length) {
                    break;
                }
                int height = (u8(bytes, pos + 3) << 8) | u8(bytes, pos + 4);
                int width = (u8(bytes, pos + 5) << 8) | u8(bytes, pos + 6);
                return header(ImageFormat.JPEG, width, height);
            }
            pos += length;
        }
        throw corrupt("truncated JPEG: " + bytes.length + " bytes end before the frame header");
    }

    private static ImageHeader tiff(byte[] bytes) throws ImageRejectedException {
        boolean little = bytes[0] == 'I';
        int magic = readShort(bytes, 2, little);
        if (magic == 43) {
            throw new ImageRejectedException(UNSUPPORTED_FORMAT, "BigTIFF is not supported; send PNG, JPEG or classic TIFF");
        }
        if (magic != 42) {
            throw new ImageRejectedException(UNSUPPORTED_FORMAT,
                    "not a PNG, JPEG or TIFF image (the first bytes match none of them)");
        }
        if (bytes.length < 8) {
            throw corrupt("truncated TIFF: " + bytes.length + " bytes end before the first directory offset");
        }
        long ifd = readInt(bytes, 4, little) & 0xFFFFFFFFL;
        if (ifd < 8 || ifd + 2 > bytes.length) {
            throw corrupt("corrupt or truncated TIFF: the first directory at byte " + ifd + " is outside the "
                    + bytes.length + "-byte file");
        }
        int entries = readShort(bytes, (int) ifd, little);
        long width = -1;
        long height = -1;
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry + 12 > bytes.length) {
                throw corrupt("truncated TIFF: the first directory ends beyond the " + bytes.length + "-byte file");
            }
            int tag = readShort(bytes, entry, little);
            int type = readShort(bytes, entry + 2, little);
            if (tag == 256 || tag == 257) {
                long value = switch (type) {
                    case 3 -> readShort(bytes, entry + 8, little);
                    case 4 -> readInt(bytes, entry + 8, little) & 0xFFFFFFFFL;
                    default -> throw corrupt("corrupt TIFF: image size tag " + tag + " has type " + type);
                };
                if (tag == 256) {
                    width = value;
                } else {
                    height = value;
                }
            }
        }
        if (width < 0 || height < 0) {
            throw corrupt("corrupt TIFF: the first directory has no image width or length");
        }
        return header(ImageFormat.TIFF, width, height);
    }

    private static ImageHeader header(ImageFormat format, long width, long height) throws ImageRejectedException {
        if (width < 1 || height < 1) {
            throw corrupt("corrupt " + format + ": declared dimensions " + width + "x" + height);
        }
        // anything beyond int is far beyond every limit; clamp so the limit check reports it
        return new ImageHeader(format, (int) Math.min(width, Integer.MAX_VALUE), (int) Math.min(height, Integer.MAX_VALUE));
    }

    private static ImageRejectedException corrupt(String message) {
        return new ImageRejectedException(CORRUPT, message);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u8(byte[] bytes, int pos) {
        return bytes[pos] & 0xFF;
    }

    private static int readShort(byte[] bytes, int pos, boolean little) {
        return little ? u8(bytes, pos) | (u8(bytes, pos + 1) << 8) : (u8(bytes, pos) << 8) | u8(bytes, pos + 1);
    }

    static int readInt(byte[] bytes, int pos, boolean little) {
        if (little) {
            return u8(bytes, pos) | (u8(bytes, pos + 1) << 8) | (u8(bytes, pos + 2) << 16) | (u8(bytes, pos + 3) << 24);
        }
        return (u8(bytes, pos) << 24) | (u8(bytes, pos + 1) << 16) | (u8(bytes, pos + 2) << 8) | u8(bytes, pos + 3);
    }
}
