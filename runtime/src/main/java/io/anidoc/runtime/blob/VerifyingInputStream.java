package io.anidoc.runtime.blob;

import io.anidoc.core.pipeline.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes while reading and fails at the end when the bytes do not match the address. */
final class VerifyingInputStream extends FilterInputStream {

    private final BlobAddress address;
    private final String where;
    private final MessageDigest digest = Sha256.digest();
    private boolean checked;

    VerifyingInputStream(InputStream in, BlobAddress address, String where) {
        super(in);
        this.address = address;
        this.where = where;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b == -1) {
            verify();
        } else {
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read == -1) {
            verify();
        } else {
            digest.update(buffer, offset, read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping is not supported while verifying blob " + address.uri());
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        BlobAddress actual = new BlobAddress(Sha256.hex(digest));
        if (!actual.equals(address)) {
            throw BlobRefs.corrupted(address, where, actual);
        }
    }
}
