package io.anidoc.core.colorize;

import io.anidoc.core.regions.Regions;

/** Votes when a drawing has no correspondence at all: the reference at the same pixel position. */
final class FieldlessFallback {
    private FieldlessFallback() {
    }

    static void addIdentityVotes(RegionVotes votes, Regions regions, ReferenceMap ref) {
        int[] labels = regions.labels();
        boolean[] own = regions.own();
        short[] index = ref.index();
        for (int i = 0; i < labels.length; i++) {
            if (own[i]) {
                votes.add(labels[i], index[i] & 0xffff, 1.0);
            }
        }
    }
}
