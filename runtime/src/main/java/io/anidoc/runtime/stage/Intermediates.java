package io.anidoc.runtime.stage;

import io.anidoc.core.flow.DenseCorrespondence;
import io.anidoc.core.match.ClipMatches;
import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.schemas.BlobRef;

import java.io.IOException;

/**
 * The intermediate results stages hand on through the blob store: the matcher's sparse matches
 * and the tracker's dense correspondences, stored once and read by the later stages.
 */
public final class Intermediates {

    public static final String MATCHES_MEDIA_TYPE = "application/x-anidoc-matches";
    public static final String DENSE_MEDIA_TYPE = "application/x-anidoc-dense";

    private Intermediates() {
    }

    public static BlobRef putMatches(BlobStore blobs, ClipMatches matches) throws IOException {
        return blobs.put(matches.toBytes(), MATCHES_MEDIA_TYPE);
    }

    public static ClipMatches matches(BlobStore blobs, BlobRef ref) throws IOException {
        return ClipMatches.fromBytes(blobs.get(ref));
    }

    public static BlobRef putDense(BlobStore blobs, DenseCorrespondence dense) throws IOException {
        return blobs.put(dense.toBytes(), DENSE_MEDIA_TYPE);
    }

    public static DenseCorrespondence dense(BlobStore blobs, BlobRef ref) throws IOException {
        return DenseCorrespondence.fromBytes(blobs.get(ref));
    }
}
