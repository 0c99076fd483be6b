package io.anidoc.runtime.kafka;

import io.anidoc.runtime.service.ReadinessCheck;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import java.time.Duration;

/** Ready when the Kafka cluster answers a describe-cluster request in time and has a broker. */
public final class KafkaReadiness implements ReadinessCheck {

    private final Vertx vertx;
    private final Admin admin;
    private final Duration timeout;

    public KafkaReadiness(Vertx vertx, Admin admin, Duration timeout) {
        this.vertx = vertx;
        this.admin = admin;
        this.timeout = timeout;
    }

    /** Succeeds with {@code {"clusterId": ..., "brokers": n}}. */
    @Override
    public Future<JsonObject> check() {
        DescribeClusterResult result = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
        Future<String> clusterId = Future.fromCompletionStage(result.clusterId().toCompletionStage(), vertx.getOrCreateContext());
        Future<Integer> brokers = Future.fromCompletionStage(result.nodes().toCompletionStage(), vertx.getOrCreateContext())
                .map(nodes -> nodes.size());
        return Future.all(clusterId, brokers).compose(all -> brokers.result() == 0
                ? Future.failedFuture("the Kafka cluster has no brokers")
                : Future.succeededFuture(new JsonObject()
                        .put("clusterId", clusterId.result())
                        .put("brokers", brokers.result())));
    }
}
