package io.anidoc.runtime.kafka;

import io.anidoc.runtime.testing.KafkaTestCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TopicProvisionerIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    @Test
    void createsMissingTopicsWithConfiguredPartitionsAndLeavesExistingOnes() throws Exception {
        Topics topics = new Topics(KAFKA.uniquePrefix());
        try (Admin admin = KAFKA.admin()) {
            String existing = topics.name(Topic.FRAMES);
            admin.createTopics(List.of(new NewTopic(existing, 2, (short) 1))).all().get();

            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
            TopicProvisioner.Result result = provisioner.ensure(topics.all(), 3, (short) 1);

            assertThat(result.existing()).containsExactly(existing);
            assertThat(result.created()).hasSize(Topic.values().length - 1).doesNotContain(existing);
            assertThat(result.mismatches()).singleElement().satisfies(m -> {
                assertThat(m.topic()).isEqualTo(existing);
                assertThat(m.partitions()).isEqualTo(2);
                assertThat(m.configuredPartitions()).isEqualTo(3);
            });

            // created topics reach the broker's metadata a moment after their creation is acknowledged
            Map<String, TopicDescription> described = await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptionsInstanceOf(ExecutionException.class)
                    .until(() -> admin.describeTopics(topics.all()).allTopicNames().get(), d -> d.size() == topics.all().size());
            assertThat(described).hasSize(Topic.values().length);
            described.forEach((name, description) -> assertThat(description.partitions())
                    .as(name).hasSize(name.equals(existing) ? 2 : 3));

            TopicProvisioner.Result again = provisioner.ensure(topics.all(), 3, (short) 1);
            assertThat(again.created()).isEmpty();
            assertThat(again.existing()).containsExactlyElementsOf(topics.all());
        }
    }

    @Test
    void unreachableClusterFailsWithAClearError() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:1", "default.api.timeout.ms", 2000,
                "request.timeout.ms", 1000))) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, Duration.ofSeconds(2));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> provisioner.ensure(List.of("x"), 1, (short) 1))
                    .isInstanceOf(KafkaProvisioningException.class)
                    .hasMessageContaining("could not provision topics [x]");
        }
    }
}
