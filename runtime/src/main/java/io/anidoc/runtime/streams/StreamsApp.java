package io.anidoc.runtime.streams;

import io.anidoc.runtime.service.ReadinessCheck;
import io.vertx.core.Future;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;

/**
 * A running Kafka Streams application inside a service: ready while it runs or rebalances, shut
 * down (committing what it processed) when the service stops. An unexpected error stops the
 * application rather than skipping a record silently; readiness then reports it.
 */
public final class StreamsApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

    private final String name;
    private final KafkaStreams streams;
    private final Duration closeTimeout;
    private final boolean staticMember;
    private volatile Throwable fatal;

    private StreamsApp(String name, KafkaStreams streams, Duration closeTimeout, boolean staticMember) {
        this.name = name;
        this.streams = streams;
        this.closeTimeout = closeTimeout;
        this.staticMember = staticMember;
    }

    /**
     * @param staticMember whether the application has a static group membership (a pod name): it
     *                     then keeps its membership over a restart instead of leaving the group
     */
    public static StreamsApp start(String name, Topology topology, Properties properties, Duration closeTimeout,
                                   boolean staticMember) {
        KafkaStreams streams = new KafkaStreams(topology, properties);
        StreamsApp app = new StreamsApp(name, streams, closeTimeout, staticMember);
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

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Up while running or rebalancing. */
    public ReadinessCheck readiness() {
        return () -> {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING) {
                return Future.succeededFuture(state.name());
            }
            Throwable error = fatal;
            return Future.failedFuture(name + " is " + state + (error == null ? "" : ": " + error.getMessage()));
        };
    }

    /**
     * Commits and stops. A dynamic member leaves the group, so its partitions move to the other
     * instances at once instead of after the session timeout.
     */
    @Override
    public void close() {
        CloseOptions options = CloseOptions.timeout(closeTimeout).withGroupMembershipOperation(staticMember
                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP : CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
        if (!streams.close(options)) {
            LOG.warn("{} did not stop within {}", name, closeTimeout);
        }
    }

    @Override
    public String toString() {
        return "StreamsApp[" + name + "]";
    }
}
