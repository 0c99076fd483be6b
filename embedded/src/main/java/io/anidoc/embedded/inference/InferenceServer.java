package io.anidoc.embedded.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A CPU stand-in for Triton: serves the ONNX models of a Triton model repository over the KServe v2
 * gRPC protocol with ONNX Runtime, so the pipeline's Triton engines run on a laptop.
 *
 * <pre>{@code
 * try (InferenceServer server = InferenceServer.start(Path.of("triton-models"), 8001)) {
 *     server.awaitTermination();
 * }
 * }</pre>
 *
 * <p>Every model directory with a {@code config.pbtxt} and a version directory holding
 * {@code model.onnx} is served ({@code backend: "onnxruntime"} or {@code platform:
 * "onnxruntime_onnx"}); models of other backends (python, tensorrt, ...) are listed by
 * RepositoryIndex as UNAVAILABLE with the reason. Requests are checked as Triton checks them and
 * refused with Triton's status codes and messages. Messages up to 2 GiB are accepted, as Triton does.
 */
public final class InferenceServer implements AutoCloseable {
    private final AtomicBoolean closed = new AtomicBoolean();

    private static final Logger LOG = LoggerFactory.getLogger(InferenceServer.class);

    private final Server server;
    private final InferenceService service;
    private final Path repository;
    private final int port;

    private InferenceServer(Server server, InferenceService service, Path repository) {
        this.server = server;
        this.service = service;
        this.repository = repository;
        this.port = server.getPort();
    }

    /** Loads {@code repository} and serves it on every interface at {@code port} (0: a free port). */
    public static InferenceServer start(Path repository, int port) throws IOException {
        return start(repository, new InetSocketAddress(port));
    }

    /** Loads {@code repository} and serves it at {@code host:port} (port 0: a free port). */
    public static InferenceServer start(Path repository, String host, int port) throws IOException {
        return start(repository, new InetSocketAddress(host, port));
    }

    public static InferenceServer start(Path repository, InetSocketAddress address) throws IOException {
        List<ServedModel> models = ModelRepository.load(repository, OrtEnvironment.getEnvironment());
        InferenceService service = new InferenceService(models, version());
        Server server = NettyServerBuilder.forAddress(address)
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .addService(service)
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            closeModels(models);
            throw new IOException("cannot serve the model repository " + repository + " at " + address + ": "
                    + e.getMessage(), e);
        }
        InferenceServer started = new InferenceServer(server, service, repository);
        LOG.info("Inference server on port {} serves {} of {} models from {}", started.port(),
                models.stream().filter(ServedModel::ready).count(), models.size(), repository);
        return started;
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    public Path repository() {
        return repository;
    }

    /** The models of the repository with their state, by name. */
    public List<ModelState> models() {
        return service.models().stream().map(ServedModel::state).toList();
    }

    /** True when every ONNX model of the repository has loaded. */
    public boolean ready() {
        return service.ready();
    }

    /** Blocks until the server has shut down (see {@link #close()}). */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Stops taking calls, lets running ones finish for up to 5 seconds, then frees the models. */
    @Override
    public void close() {
        // a shutdown hook and an owner may both close it: the second call does nothing
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            closeModels(service.models());
        }
        LOG.info("Inference server on port {} stopped", port);
    }

    private static void closeModels(List<ServedModel> models) {
        for (ServedModel model : models) {
            if (model.onnx() != null) {
                try {
                    model.onnx().close();
                } catch (OrtException e) {
                    LOG.warn("Closing model '{}' failed", model.name(), e);
                }
            }
        }
    }

    private static String version() {
        String version = InferenceServer.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
