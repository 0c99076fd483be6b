package io.anidoc.runtime.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers side of {@link KafkaTestCluster}, in its own class so that modules without
 * Testcontainers on their test class path still get the in-JVM broker.
 */
final class ContainerSupport {

    static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";

    private ContainerSupport() {
    }

    static boolean dockerAvailable() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, ContainerSupport.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return false;
        }
        return Probe.dockerAvailable();
    }

    static RunningContainer startKafka() {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(
                System.getProperty("anidoc.test.kafka.image", DEFAULT_IMAGE)));
        container.start();
        return new RunningContainer(container);
    }

    /** A started Kafka container. */
    record RunningContainer(KafkaContainer container) implements AutoCloseable {
        String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public void close() {
            container.stop();
        }
    }

    /** Touches Testcontainers only once we know it is on the class path. */
    private static final class Probe {
        static boolean dockerAvailable() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }
    }
}
