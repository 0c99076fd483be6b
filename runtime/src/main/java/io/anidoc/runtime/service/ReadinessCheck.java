package io.anidoc.runtime.service;

import io.vertx.core.Future;

/**
 * One condition for the service to take traffic, e.g. "the Kafka cluster answers" or "the model
 * is loaded". {@code /health/ready} runs every registered check, each bounded by
 * {@code ANIDOC_READINESS_TIMEOUT}, and answers 503 naming the checks that failed.
 */
@FunctionalInterface
public interface ReadinessCheck {

    /**
     * Succeeds when ready. The result, when it is a {@link io.vertx.core.json.JsonObject} or a
     * string, is shown as the check's details; a failure's message is shown as its error.
     */
    Future<?> check();
}
