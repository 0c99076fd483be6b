package io.anidoc.runtime.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asks {@code /health/live} every 100 ms, as a Kubernetes liveness probe would, and remembers the slowest answer and every probe that failed.
 */
public final class HealthProbe {

    private final Thread thread;
    private final AtomicLong slowestMillis = new AtomicLong();
    private final AtomicLong probes = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Long> timings = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean running = true;

    private HealthProbe(int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        thread = new Thread(() -> {
            try {
                // the client's own first request loads classes and connects: not the server's time
                http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                failures.add("warm-up: " + e);
            }
            started.countDown();
            while (running) {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        failures.add("status " + response.statusCode() + ": " + response.body());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
                long took = (System.nanoTime() - start) / 1_000_000;
                slowestMillis.accumulateAndGet(took, Math::max);
                timings.add(took);
                probes.incrementAndGet();
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
        try {
            probe.started.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return probe;
    }

    public long slowestMillis() {
        return slowestMillis.get();
    }

    public long probes() {
        return probes.get();
    }

    /** Stops probing and asserts that every probe got 200 within the limit. */
    public void stopAndAssertAnsweredWithin(long limitMillis) throws InterruptedException {
        running = false;
        thread.join(15_000);
        assertThat(probes.get()).as("health probes sent").isPositive();
        assertThat(failures).as("failed health probes").isEmpty();
        assertThat(slowestMillis.get()).as("slowest of %d health answers, in ms: %s", probes.get(), timings)
                .isLessThan(limitMillis);
    }
}
