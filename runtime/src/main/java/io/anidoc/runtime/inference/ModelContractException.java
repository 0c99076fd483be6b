package io.anidoc.runtime.inference;

/** The server's model does not match what the client sends and reads, or is not ready. */
public final class ModelContractException extends IllegalStateException {

    public ModelContractException(String message) {
        super(message);
    }
}
