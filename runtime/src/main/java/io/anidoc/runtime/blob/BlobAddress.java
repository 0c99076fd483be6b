package io.anidoc.runtime.blob;

import io.anidoc.core.pipeline.Sha256;
import java.util.regex.Pattern;

/**
 * The address of a blob: the SHA-256 of its bytes. Parsing accepts only the exact form
 * {@code blob:sha256/<64 lower-case hex digits>}, so an address can never name anything outside
 * a store (no {@code ../}, no absolute paths, no other schemes).
 *
 * @param sha256 64 lower-case hex digits
 */
public record BlobAddress(String sha256) {

    public static final String URI_PREFIX = "blob:sha256/";
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    public BlobAddress {
        if (sha256 == null || !HEX_SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 blob key: '" + sha256
                    + "' (expected 64 lower-case hex digits)");
        }
    }

    /**
     * @throws IllegalArgumentException naming the bad input when it is not {@code blob:sha256/<hex>}
     */
    public static BlobAddress parse(String uri) {
        if (uri == null || !uri.startsWith(URI_PREFIX)) {
            throw new IllegalArgumentException("not a blob address: '" + uri
                    + "' (expected " + URI_PREFIX + "<64 lower-case hex digits>)");
        }
        String key = uri.substring(URI_PREFIX.length());
        if (!HEX_SHA256.matcher(key).matches()) {
            throw new IllegalArgumentException("not a blob address: '" + uri
                    + "' (expected " + URI_PREFIX + "<64 lower-case hex digits>)");
        }
        return new BlobAddress(key);
    }

    /** The address of these bytes. */
    public static BlobAddress of(byte[] content) {
        return new BlobAddress(Sha256.hex(content));
    }

    /** {@code blob:sha256/<hex>}. */
    public String uri() {
        return URI_PREFIX + sha256;
    }

    @Override
    public String toString() {
        return uri();
    }
}
