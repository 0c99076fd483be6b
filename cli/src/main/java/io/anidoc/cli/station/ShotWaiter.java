package io.anidoc.cli.station;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.anidoc.runtime.config.Durations;

/**
 * Waits for a shot to finish while showing its progress from {@code GET /v1/shots/{shotId}}.
 * A {@code FAILED} state ends the wait with the failures as the reason.
 */
public final class ShotWaiter {

    private static final Duration POLL = Duration.ofMillis(250);

    private final IngestClient client;
    private final ProgressBar bar;

    public ShotWaiter(IngestClient client, ProgressBar bar) {
        this.client = Objects.requireNonNull(client, "client");
        this.bar = Objects.requireNonNull(bar, "bar");
    }

    /** Decides after each look at the progress whether the wait is over; may throw to end it with a failure. */
    @FunctionalInterface
    public interface Check<T> {
        Optional<T> done(Optional<ShotProgress> progress);
    }

    /** Waits until the shot's state is {@code FINISHED}. */
    public ShotProgress awaitFinished(String shotId, Duration timeout) {
        return await(shotId, timeout, progress -> progress.filter(ShotProgress::finished));
    }

    /**
     * Waits until {@code check} answers.
     *
     * @throws ShotFailedException when the shot failed or did not finish in time
     */
    public <T> T await(String shotId, Duration timeout, Check<T> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<ShotProgress> last = Optional.empty();
        try {
            while (true) {
                last = client.status(shotId);
                last.ifPresent(bar::progress);
                Optional<T> result = check.done(last);
                if (result.isPresent()) {
                    return result.get();
                }
                if (last.isPresent() && last.get().failed()) {
                    throw new ShotFailedException("shot " + shotId + " failed: " + String.join("; ", last.get().failures()));
                }
                if (System.nanoTime() > deadline) {
                    throw new ShotFailedException("shot " + shotId + " did not finish within " + Durations.format(timeout)
                            + "; last state: " + last.map(ShotWaiter::summary).orElse("unknown to ingest"));
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShotFailedException("interrupted while waiting for shot " + shotId);
        } finally {
            bar.done();
        }
    }

    private static String summary(ShotProgress progress) {
        StringBuilder text = new StringBuilder(progress.state());
        if (progress.totalClips() > 0) {
            for (String stage : ShotProgress.CLIP_STAGES) {
                text.append(", ").append(stage).append(' ').append(progress.completed().getOrDefault(stage, 0))
                        .append('/').append(progress.totalClips());
            }
        }
        return text.toString();
    }
}
