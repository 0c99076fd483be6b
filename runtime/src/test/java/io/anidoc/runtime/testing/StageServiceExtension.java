package io.anidoc.runtime.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import io.anidoc.runtime.blob.BlobStore;
import io.anidoc.runtime.kafka.Topics;
import io.anidoc.runtime.service.ServiceSetup;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stage service started fresh for every test on the class's test broker, in a work folder of
 * its own; what every stage module's service test starts with.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaTestCluster KAFKA = new KafkaTestCluster();
 * @RegisterExtension
 * final StageServiceExtension stage = new StageServiceExtension(KAFKA, "matcher", () -> new StageService<>(MatcherMain.MODULE));
 * }</pre>
 */
public final class StageServiceExtension implements BeforeEachCallback, AfterEachCallback {

    private final KafkaTestCluster kafka;
    private final String name;
    private final Supplier<ServiceSetup> setup;
    private final String[] settings;
    private Path work;
    private StageServiceUnderTest service;

    /** @param settings more settings of the service (name, value, ...), which win */
    public StageServiceExtension(KafkaTestCluster kafka, String name, Supplier<ServiceSetup> setup, String... settings) {
        this.kafka = kafka;
        this.name = name;
        this.setup = setup;
        this.settings = settings.clone();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        work = Files.createTempDirectory("anidoc-" + name + "-");
        service = StageServiceUnderTest.start(kafka, name, setup.get(), work, settings);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            FileUtils.deleteQuietly(work.toFile());
        }
    }

    public StageServiceUnderTest service() {
        return service;
    }

    /** The test's own folder; the service keeps its blobs under {@code blobs/} in it. */
    public Path work() {
        return work;
    }

    public BlobStore blobs() {
        return service.blobs();
    }

    public Topics topics() {
        return service.topics();
    }
}
