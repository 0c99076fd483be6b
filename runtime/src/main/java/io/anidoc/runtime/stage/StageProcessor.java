package io.anidoc.runtime.stage;

/**
 * The work of one pipeline stage on one input event: the port a {@link StageWorker} drives.
 *
 * <p>Implementations must be safe for concurrent use (the worker calls them from several threads)
 * and idempotent: the same input must give the same output key and the same payload addresses,
 * because an input may be processed again after a crash or a rebalance (at-least-once delivery).
 *
 * @param <I> the input event
 * @param <O> the output event
 */
public interface StageProcessor<I, O> {

    /**
     * Turns one input event into the output event and the key to publish it under.
     *
     * @throws Exception any failure (missing blob, undecodable image, engine error): the worker
     *                   dead-letters the input with this cause and goes on with the next one
     */
    StageOutput<O> process(I input) throws Exception;

    /**
     * The clip an input is about, for progress and failure reports; {@code null} when the input
     * names none. Called before {@link #process}, so it must not fail on inputs that
     * {@code process} would reject.
     */
    ClipRef describe(I input);
}
