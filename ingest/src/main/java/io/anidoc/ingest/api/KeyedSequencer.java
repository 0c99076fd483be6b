package io.anidoc.ingest.api;

import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs asynchronous work one at a time per key: the check-store-publish-record steps of two
 * requests for the same shot never interleave, while different shots proceed in parallel.
 */
final class KeyedSequencer {

    private final Map<String, Future<?>> tails = new HashMap<>();

    synchronized <T> Future<T> run(String key, Supplier<Future<T>> work) {
        Future<?> previous = tails.getOrDefault(key, Future.succeededFuture());
        Future<T> mine = previous.transform(ignored -> {
            try {
                return work.get();
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        });
        tails.put(key, mine);
        mine.onComplete(ignored -> release(key, mine));
        return mine;
    }

    synchronized int inFlight() {
        return tails.size();
    }

    private synchronized void release(String key, Future<?> finished) {
        if (tails.get(key) == finished) {
            tails.remove(key);
        }
    }
}
