package io.anidoc.runtime.kafka;

/** Topics could not be created or inspected at start-up. */
public final class KafkaProvisioningException extends RuntimeException {

    public KafkaProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
