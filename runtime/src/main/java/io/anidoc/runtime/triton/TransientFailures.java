package io.anidoc.runtime.triton;

import io.anidoc.runtime.inference.CircuitOpenException;
import io.anidoc.runtime.inference.InferenceException;
import io.grpc.Status;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which failed inference calls are worth waiting out: the server is away, restarting, overloaded
 * or too slow right now, and the same request will succeed later. A request the server rejects
 * (INVALID_ARGUMENT, NOT_FOUND, INTERNAL for a model that fails on it, ...) fails the same way
 * again and is permanent.
 */
public final class TransientFailures {

    private static final Set<Status.Code> TRANSIENT = EnumSet.of(Status.Code.UNAVAILABLE,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.DEADLINE_EXCEEDED, Status.Code.ABORTED);

    private TransientFailures() {
    }

    public static boolean isTransient(InferenceException failure) {
        return failure instanceof CircuitOpenException || TRANSIENT.contains(failure.code());
    }
}
