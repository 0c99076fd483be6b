package io.anidoc.runtime.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Waits at start-up until the Kafka cluster answers, so a service started before its broker (or
 * during a broker restart) comes up after it instead of exiting; a deadline still ends the wait
 * where the address is simply wrong.
 */
public final class KafkaAvailability {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAvailability.class);
    private static final Duration PAUSE = Duration.ofSeconds(1);
    private static final Duration LOG_EVERY = Duration.ofSeconds(30);

    private final Admin admin;
    private final String bootstrapServers;
    private final Duration attemptTimeout;

    public KafkaAvailability(Admin admin, String bootstrapServers, Duration attemptTimeout) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.attemptTimeout = attemptTimeout;
    }

    /**
     * Blocks until the cluster answers with at least one broker, telling {@code waitingFor} what it
     * waits for after each failed attempt.
     *
     * @param cancelled true once the wait should end, e.g. the service is asked to stop
     * @throws KafkaProvisioningException when the cluster did not answer within {@code deadline}
     */
    public void await(Duration deadline, Consumer<String> waitingFor, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        long lastLog = start - LOG_EVERY.toNanos();
        String lastError = "no answer yet";
        while (true) {
            try {
                int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) attemptTimeout.toMillis()))
                        .nodes().get(attemptTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS).size();
                if (brokers > 0) {
                    if (System.nanoTime() - start > PAUSE.toNanos()) {
                        LOG.info("the Kafka cluster at {} answers after {} s", bootstrapServers, seconds(start));
                    }
                    return;
                }
                lastError = "the cluster has no brokers";
            } catch (ExecutionException e) {
                lastError = String.valueOf(e.getCause().getMessage());
            } catch (TimeoutException e) {
                lastError = "no answer within " + attemptTimeout.toMillis() + " ms";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaProvisioningException("interrupted while waiting for the Kafka cluster at " + bootstrapServers, e);
            }
            if (cancelled.getAsBoolean()) {
                throw new KafkaProvisioningException("stopped while waiting for the Kafka cluster at " + bootstrapServers, null);
            }
            long waited = System.nanoTime() - start;
            if (waited >= deadline.toNanos()) {
                throw new KafkaProvisioningException("the Kafka cluster at " + bootstrapServers + " did not answer within "
                        + deadline + " (ANIDOC_STARTUP_TIMEOUT); check ANIDOC_KAFKA_BOOTSTRAP_SERVERS: " + lastError, null);
            }
            String reason = "waiting for the Kafka cluster at " + bootstrapServers + " (" + seconds(start) + " s so far): " + lastError;
            waitingFor.accept(reason);
            if (System.nanoTime() - lastLog >= LOG_EVERY.toNanos()) {
                LOG.warn("{}; giving up after {}", reason, deadline);
                lastLog = System.nanoTime();
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaProvisioningException("interrupted while waiting for the Kafka cluster at " + bootstrapServers, e);
            }
        }
    }

    private static long seconds(long startNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
    }
}
