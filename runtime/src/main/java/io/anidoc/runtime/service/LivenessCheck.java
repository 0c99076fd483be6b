package io.anidoc.runtime.service;

import java.util.Optional;

/**
 * One part of the service that can die for good without the process exiting, e.g. a stage worker
 * that stopped on a fatal error or a Streams application in state ERROR. {@code /health/live}
 * answers 503 naming it as soon as a check reports a problem, so the orchestrator restarts the
 * process. Checks are cheap reads of state, answered at once.
 */
@FunctionalInterface
public interface LivenessCheck {

    /** Why this part is dead for good; empty while it lives (or is still starting, or stopping). */
    Optional<String> deadReason();
}
