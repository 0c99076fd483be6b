package io.anidoc.embedded.inference;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** A request the server refuses, with the gRPC code and the message Triton would send. */
final class TritonError extends Exception {

    private final Status.Code code;

    TritonError(Status.Code code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static TritonError invalidArgument(String message) {
        return new TritonError(Status.Code.INVALID_ARGUMENT, message);
    }

    Status.Code code() {
        return code;
    }

    StatusRuntimeException toStatus() {
        return Status.fromCode(code).withDescription(getMessage()).asRuntimeException();
    }
}
