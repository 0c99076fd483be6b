package io.anidoc.runtime.inference;

import io.grpc.Status;

/**
 * A call to the inference server failed. {@link #code()} is the gRPC status, {@link #serverMessage()}
 * the server's own words (Triton's messages name the model and tensor at fault).
 */
public class InferenceException extends RuntimeException {

    private final Status.Code code;
    private final String serverMessage;
    private final String model;

    public InferenceException(String message, Status.Code code, String serverMessage, String model, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.serverMessage = serverMessage == null ? "" : serverMessage;
        this.model = model;
    }

    public Status.Code code() {
        return code;
    }

    /** The status description the server sent, empty when there was none. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The model the call was about, or null for server-wide calls. */
    public String model() {
        return model;
    }
}
