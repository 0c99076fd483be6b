package io.anidoc.runtime.inference;

import io.grpc.Status;

/** The circuit breaker is open: the call was not sent, so a failing server is not hammered. */
public final class CircuitOpenException extends InferenceException {

    public CircuitOpenException(String message, String model) {
        super(message, Status.Code.UNAVAILABLE, "", model, null);
    }
}
