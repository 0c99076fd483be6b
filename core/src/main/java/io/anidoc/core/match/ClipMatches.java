package io.anidoc.core.match;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The verified sparse matches of one clip, one {@link PairMatches} per ordered frame pair. Stages
 * hand them on as the versioned Avro record {@code ClipMatchesBlob} (module runtime,
 * {@code Intermediates}).
 */
public record ClipMatches(List<PairMatches> pairs) {

    public ClipMatches {
        if (pairs == null) {
            throw new IllegalArgumentException("pairs must not be null");
        }
        Set<Long> seen = new HashSet<>();
        for (PairMatches p : pairs) {
            if (p == null) {
                throw new IllegalArgumentException("pairs must not hold null");
            }
            if (!seen.add(key(p.fromFrame(), p.toFrame()))) {
                throw new IllegalArgumentException("duplicate frame pair " + p.fromFrame() + " -> " + p.toFrame());
            }
        }
        pairs = List.copyOf(pairs);
    }

    /**
     * Matches from frame {@code from} to frame {@code to}: the stored pair, else the stored reverse pair
     * seen the other way ({@link PairMatches#inverse()}), else null.
     */
    public PairMatches between(int from, int to) {
        PairMatches reverse = null;
        for (PairMatches p : pairs) {
            if (p.fromFrame() == from && p.toFrame() == to) {
                return p;
            }
            if (p.fromFrame() == to && p.toFrame() == from) {
                reverse = p;
            }
        }
        return reverse == null ? null : reverse.inverse();
    }

    private static long key(int from, int to) {
        return ((long) from << 32) | (to & 0xffffffffL);
    }
}
