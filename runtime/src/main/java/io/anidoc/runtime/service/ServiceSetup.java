package io.anidoc.runtime.service;

import io.vertx.core.Future;

/** What a service adds to the shared runtime: its routes, verticles, readiness checks and resources. */
@FunctionalInterface
public interface ServiceSetup {

    /**
     * Called once at start-up after the HTTP server listens and topics exist. The service is
     * reported ready only after the returned future succeeds; a failure stops the start.
     */
    Future<?> setUp(ServiceContext context) throws Exception;
}
