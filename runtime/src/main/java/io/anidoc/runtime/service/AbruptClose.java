package io.anidoc.runtime.service;

/**
 * A resource that can also stop the way a crash leaves it: no further commit, no leaving the
 * consumer group. {@link RunningService#closeAbruptly()} uses it for recovery tests and drills.
 */
public interface AbruptClose {

    void closeAbruptly();
}
