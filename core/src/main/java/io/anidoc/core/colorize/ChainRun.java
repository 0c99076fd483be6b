package io.anidoc.core.colorize;

import java.util.List;

/**
 * One chain of a clip: the drawings one reference colors on one of its sides, nearest first.
 *
 * @param reference the colored frame the chain starts from
 * @param order     the drawings it colors, each from the one before it (the first from the reference)
 */
record ChainRun(int reference, List<Integer> order) {

    /** Whether the chain walks towards earlier frames. */
    boolean backwards() {
        return !order.isEmpty() && order.get(0) < reference;
    }
}
