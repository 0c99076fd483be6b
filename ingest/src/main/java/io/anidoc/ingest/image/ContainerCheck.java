package io.anidoc.ingest.image;

import java.util.zip.CRC32;

import static io.anidoc.ingest.image.ImageRejectedException.Reason.CORRUPT;

/**
 * Structural checks that catch truncated and damaged files which a lenient decoder would still
 * turn into a partly grey picture: every PNG chunk must be complete with a correct CRC and the file
 * must reach IEND; a JPEG must end with its end-of-image marker.
 */
final class ContainerCheck {

    private static final int PNG_SIGNATURE_LENGTH = 8;

    private ContainerCheck() {
    }

    static void verify(ImageFormat format, byte[] bytes) throws ImageRejectedException {
        switch (format) {
            case PNG -> png(bytes);
            case JPEG -> jpeg(bytes);
            case TIFF -> {
                // TIFF strips may sit anywhere in the file; the decoder reports damage itself
            }
        }
    }

    private static void png(byte[] bytes) throws ImageRejectedException {
        int pos = PNG_SIGNATURE_LENGTH;
        boolean sawData = false;
        CRC32 crc = new CRC32();
        while (true) {
            if (pos + 12 > bytes.length) {
                throw new ImageRejectedException(CORRUPT, "truncated PNG: the data ends at byte " + bytes.length
                        + " before the IEND chunk");
            }
            long length = ImageHeaders.readInt(bytes, pos, false) & 0xFFFFFFFFL;
            String type = new String(bytes, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (length > bytes.length - pos - 12L) {
                throw new ImageRejectedException(CORRUPT, "truncated PNG: chunk " + type + " at byte " + pos
                        + " declares " + length + " bytes but the data ends at byte " + bytes.length);
            }
            int dataEnd = pos + 8 + (int) length;
            crc.reset();
            crc.update(bytes, pos + 4, 4 + (int) length);
            long stored = ImageHeaders.readInt(bytes, dataEnd, false) & 0xFFFFFFFFL;
            if (crc.getValue() != stored) {
                throw new ImageRejectedException(CORRUPT, "corrupt PNG: chunk " + type + " at byte " + pos
                        + " fails its CRC check");
            }
            if (type.equals("IDAT")) {
                sawData = true;
            }
            if (type.equals("IEND")) {
                if (!sawData) {
                    throw new ImageRejectedException(CORRUPT, "corrupt PNG: no IDAT chunk before IEND");
                }
                return;
            }
            pos = dataEnd + 4;
        }
    }

    private static void jpeg(byte[] bytes) throws ImageRejectedException {
        int end = bytes.length;
        // some writers pad after the end-of-image marker
        while (end > 2 && bytes[end - 1] == 0) {
            end--;
        }
        if (end < 4 || (bytes[end - 2] & 0xFF) != 0xFF || (bytes[end - 1] & 0xFF) != 0xD9) {
            throw new ImageRejectedException(CORRUPT, "truncated JPEG: no end-of-image marker (FF D9) at the end of the "
                    + bytes.length + "-byte file");
        }
    }
}
