package io.anidoc.runtime.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asks {@code /health/live} every 100 ms on a fresh connection, as a Kubernetes liveness probe
 * does, with a plain blocking socket (no client thread pool of its own to wait for), and remembers
 * every answer's time and every probe that failed.
 */
public final class HealthProbe {

    private static final String REQUEST = "GET /health/live HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n";

    private final Thread thread;
    private final AtomicLong slowestMillis = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Long> timings = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    private HealthProbe(int port) {
        thread = new Thread(() -> {
            while (running) {
                long start = System.nanoTime();
                try (RawHttp http = new RawHttp(port, 10_000)) {
                    RawHttp.Answer answer = http.exchange(REQUEST);
                    if (answer.status() != 200) {
                        failures.add("status " + answer.status() + ": " + answer.text());
                    }
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
                long took = (System.nanoTime() - start) / 1_000_000;
                slowestMillis.accumulateAndGet(took, Math::max);
                timings.add(took);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "health-probe");
        thread.setDaemon(true);
    }

    public static HealthProbe start(int port) {
        HealthProbe probe = new HealthProbe(port);
        probe.thread.start();
        return probe;
    }

    public long slowestMillis() {
        return slowestMillis.get();
    }

    public long probes() {
        return timings.size();
    }

    /** Stops probing and asserts that every probe got 200 within the limit. */
    public void stopAndAssertAnsweredWithin(long limitMillis) throws InterruptedException {
        running = false;
        thread.join(15_000);
        assertThat(timings).as("health probes sent").isNotEmpty();
        assertThat(failures).as("failed health probes").isEmpty();
        assertThat(slowestMillis.get()).as("slowest of %d health answers, in ms: %s", timings.size(), timings)
                .isLessThan(limitMillis);
    }
}
