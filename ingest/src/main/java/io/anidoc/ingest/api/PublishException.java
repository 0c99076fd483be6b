package io.anidoc.ingest.api;

/** Kafka did not acknowledge an event. */
final class PublishException extends RuntimeException {

    PublishException(String topic, Throwable cause) {
        super("publishing to " + topic + " failed: " + cause.getMessage(), cause);
    }
}
