package io.anidoc.runtime.streams;

import io.anidoc.runtime.config.RuntimeConfig;
import io.anidoc.runtime.kafka.KafkaClients;
import io.anidoc.runtime.testing.KafkaTestCluster;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StreamsAppIT {

    @RegisterExtension
    static final KafkaTestCluster KAFKA = new KafkaTestCluster();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void anAppThatShutItselfDownOnAnErrorIsDeadForGood() throws Exception {
        RuntimeConfig config = RuntimeConfig.from(KAFKA.configSource(), "streams-it");
        try (KafkaClients clients = new KafkaClients(config.kafka(), config.service())) {
            String input = clients.topics().prefix() + "input";
            clients.admin().createTopics(List.of(new NewTopic(input, 1, (short) 1))).all().get();
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(input, Consumed.with(Serdes.String(), Serdes.String())).foreach((key, value) -> {
                if (value.equals("poison")) {
                    throw new IllegalStateException("cannot handle " + key);
                }
            });
            StreamsApp app = StreamsApp.start("probe", builder.build(),
                    clients.streamsProperties(clients.topics().prefix() + "probe"), Duration.ofSeconds(10));
            try {
                await().atMost(WAIT).until(() -> app.state() == KafkaStreams.State.RUNNING);
                assertThat(app.liveness().deadReason()).as("running").isEmpty();

                try (KafkaProducer<String, String> producer = clients.producer(new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>(input, "shot-1", "poison")).get();
                }
                await().atMost(WAIT).until(() -> app.state() == KafkaStreams.State.ERROR);

                assertThat(app.liveness().deadReason()).get().asString()
                        .startsWith("probe is ERROR").contains("cannot handle shot-1");
                assertThat(app.readiness().check().failed()).isTrue();
            } finally {
                app.close();
            }
        }
    }
}
