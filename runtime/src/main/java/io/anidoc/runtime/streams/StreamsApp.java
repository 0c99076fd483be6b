package io.anidoc.runtime.streams;

import io.anidoc.runtime.service.AbruptClose;
import io.anidoc.runtime.service.LivenessCheck;
import io.anidoc.runtime.service.ReadinessCheck;
import io.anidoc.runtime.service.ServiceContext;
import io.anidoc.runtime.service.ShutdownBudget;
import io.vertx.core.Future;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * A running Kafka Streams application inside a service: ready only while it runs (not while it
 * starts, restores or rebalances: then it processes nothing), shut down (committing what it
 * processed and leaving its group) when the service stops. An unexpected error stops the
 * application rather than skipping a record silently; readiness then reports it, and liveness
 * turns down once the application is in state {@code ERROR} (or on its way there), since Kafka
 * Streams does not restart a client it shut down.
 */
public final class StreamsApp implements AutoCloseable, AbruptClose {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

    private final String name;
    private final KafkaStreams streams;
    private final Duration closeTimeout;
    private volatile Throwable fatal;

    private StreamsApp(String name, KafkaStreams streams, Duration closeTimeout) {
        this.name = name;
        this.streams = streams;
        this.closeTimeout = closeTimeout;
    }

    public static StreamsApp start(String name, Topology topology, Properties properties, Duration closeTimeout) {
        KafkaStreams streams = new KafkaStreams(topology, properties);
        StreamsApp app = new StreamsApp(name, streams, closeTimeout);
        streams.setUncaughtExceptionHandler(error -> {
            app.fatal = error;
            LOG.error("{} stopped on an unexpected error: {}", name, error.toString(), error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> LOG.info("{} {} -> {}", name, before, now));
        LOG.debug("{} topology:\n{}", name, topology.describe());
        streams.start();
        return app;
    }

    /**
     * Starts the application in a service: closed with it (within the worker share of its
     * {@link ShutdownBudget}), in {@code /health/ready} and {@code /health/live} as {@code check}.
     */
    public static StreamsApp startIn(ServiceContext context, String check, String name, Topology topology,
                                     Properties properties) {
        Duration closeTimeout = new ShutdownBudget(context.config().service().shutdownTimeout()).worker();
        StreamsApp app = context.onClose(start(name, topology, properties, closeTimeout));
        context.readiness(check, app.readiness());
        context.liveness(check, app.liveness());
        return app;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Up while running; down while it starts, rebalances (including restoring state) or after it stopped. */
    public ReadinessCheck readiness() {
        return () -> {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.RUNNING) {
                return Future.succeededFuture(state.name());
            }
            Throwable error = fatal;
            return Future.failedFuture(name + " is " + state + (error == null ? "" : ": " + error.getMessage()));
        };
    }

    /** Dead once the application shut itself down on an error: it never processes again. */
    public LivenessCheck liveness() {
        return () -> {
            KafkaStreams.State state = streams.state();
            if (state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR) {
                return Optional.empty();
            }
            Throwable error = fatal;
            return Optional.of(name + " is " + state + (error == null ? "" : ": " + error.getMessage() + rootCause(error)));
        };
    }

    /** Kafka Streams wraps the telling failure ("Exception caught in process ..."): name the innermost one too. */
    private static String rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? "" : " (" + root + ")";
    }

    /**
     * Commits and stops, leaving the group (a static member too), so its partitions move to the
     * other instances at once instead of after the session timeout.
     */
    @Override
    public void close() {
        close(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    }

    /**
     * Stops without leaving the group, the way a crashed instance looks to it: the group waits for
     * its session to expire before it hands the partitions on. For recovery tests and drills.
     */
    @Override
    public void closeAbruptly() {
        close(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP);
    }

    private void close(CloseOptions.GroupMembershipOperation membership) {
        if (!streams.close(CloseOptions.timeout(closeTimeout).withGroupMembershipOperation(membership))) {
            LOG.warn("{} did not stop within {}", name, closeTimeout);
        }
    }

    @Override
    public String toString() {
        return "StreamsApp[" + name + "]";
    }
}
