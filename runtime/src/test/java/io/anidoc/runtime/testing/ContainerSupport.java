package io.anidoc.runtime.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.net.URI;

/**
 * The Testcontainers side of {@link KafkaTestCluster} and {@link S3TestServer}, in its own class so
 * that modules without Testcontainers on their test class path still get the in-JVM servers.
 */
final class ContainerSupport {

    static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";
    static final String MINIO_IMAGE = "minio/minio:RELEASE.2025-04-22T22-12-26Z";
    private static final int MINIO_PORT = 9000;

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

    /** MinIO in a container, with these keys as its root user; the caller closes it. */
    static RunningMinio startMinio(String accessKey, String secretKey) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(
                System.getProperty("anidoc.test.s3.image", MINIO_IMAGE)))
                .withCommand("server", "/data")
                .withEnv("MINIO_ROOT_USER", accessKey)
                .withEnv("MINIO_ROOT_PASSWORD", secretKey)
                .withExposedPorts(MINIO_PORT)
                .waitingFor(Wait.forHttp("/minio/health/ready").forPort(MINIO_PORT));
        container.start();
        return new RunningMinio(container);
    }

    /** A started MinIO container. */
    record RunningMinio(GenericContainer<?> container) implements AutoCloseable {
        URI endpoint() {
            return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(MINIO_PORT));
        }

        @Override
        public void close() {
            container.stop();
        }
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
