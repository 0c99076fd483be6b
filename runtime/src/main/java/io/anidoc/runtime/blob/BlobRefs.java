package io.anidoc.runtime.blob;

import io.anidoc.core.pipeline.Sha256;
import io.anidoc.schemas.BlobRef;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.regex.Pattern;

/** What every blob store checks and returns alike: media types and references. */
final class BlobRefs {

    private static final int BUFFER = 64 * 1024;
    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-zA-Z0-9][\\w.+-]*/[\\w.+-]+(\\s*;.*)?");

    private BlobRefs() {
    }

    /** Address and size of content copied while hashing it. */
    record Copied(BlobAddress address, long size) {
    }

    /** Copies the content to {@code out} and hashes it on the way: its address is known only at the end. */
    static Copied copyHashing(InputStream content, OutputStream out) throws IOException {
        MessageDigest digest = Sha256.digest();
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        int read;
        while ((read = content.read(buffer)) != -1) {
            digest.update(buffer, 0, read);
            out.write(buffer, 0, read);
            size += read;
        }
        return new Copied(new BlobAddress(Sha256.hex(digest)), size);
    }

    static void checkMediaType(String mediaType) {
        if (mediaType == null || !MEDIA_TYPE.matcher(mediaType).matches()) {
            throw new IllegalArgumentException("not a media type: '" + mediaType + "' (expected e.g. image/png)");
        }
    }

    static BlobRef ref(BlobAddress address, long size, String mediaType) {
        return BlobRef.newBuilder()
                .setUri(address.uri())
                .setSha256(address.sha256())
                .setSize(size)
                .setMediaType(mediaType)
                .build();
    }

    static BlobCorruptedException corrupted(BlobAddress address, String where, BlobAddress actual) {
        return new BlobCorruptedException("blob " + address.uri() + " in " + where + " is corrupted: its bytes hash to "
                + actual.sha256());
    }

    /** Fails with {@link BlobCorruptedException} when the bytes do not hash to the address. */
    static byte[] verified(byte[] bytes, BlobAddress address, String where) throws BlobCorruptedException {
        BlobAddress actual = BlobAddress.of(bytes);
        if (!actual.equals(address)) {
            throw corrupted(address, where, actual);
        }
        return bytes;
    }
}
