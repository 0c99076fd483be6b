package io.anidoc.embedded.inference;

import ai.onnxruntime.OrtException;
import io.anidoc.proto.inference.GRPCInferenceServiceGrpc;
import io.anidoc.proto.inference.GrpcService;
import io.anidoc.proto.inference.GrpcService.ModelInferRequest;
import io.anidoc.proto.inference.GrpcService.ModelInferResponse;
import io.anidoc.proto.inference.GrpcService.ModelMetadataResponse;
import io.anidoc.proto.inference.GrpcService.ModelMetadataResponse.TensorMetadata;
import io.anidoc.proto.inference.ModelConfigOuterClass.DataType;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelOutput;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KServe v2 RPCs over the loaded repository, answering as Triton does: the same status codes
 * and messages for unknown models and malformed requests, the batch dimension prepended to the
 * metadata shapes of batching models, raw little-endian outputs.
 */
final class InferenceService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    static final String SERVER_NAME = "anidoc-embedded-inference-server";
    static final List<String> EXTENSIONS = List.of("model_repository", "model_configuration");

    private static final Logger LOG = LoggerFactory.getLogger(InferenceService.class);

    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private final String version;

    InferenceService(List<ServedModel> models, String version) {
        models.forEach(model -> this.models.put(model.name(), model));
        this.version = version;
    }

    List<ServedModel> models() {
        return List.copyOf(models.values());
    }

    /** Ready when every model this server can run has loaded; models of other backends do not count. */
    boolean ready() {
        return models.values().stream().filter(ServedModel::supported).allMatch(ServedModel::ready);
    }

    @Override
    public void serverLive(GrpcService.ServerLiveRequest request, StreamObserver<GrpcService.ServerLiveResponse> out) {
        answer(out, () -> GrpcService.ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(GrpcService.ServerReadyRequest request, StreamObserver<GrpcService.ServerReadyResponse> out) {
        answer(out, () -> GrpcService.ServerReadyResponse.newBuilder().setReady(ready()).build());
    }

    @Override
    public void serverMetadata(GrpcService.ServerMetadataRequest request,
                               StreamObserver<GrpcService.ServerMetadataResponse> out) {
        answer(out, () -> GrpcService.ServerMetadataResponse.newBuilder()
                .setName(SERVER_NAME).setVersion(version).addAllExtensions(EXTENSIONS).build());
    }

    @Override
    public void modelReady(GrpcService.ModelReadyRequest request, StreamObserver<GrpcService.ModelReadyResponse> out) {
        answer(out, () -> {
            boolean ready;
            try {
                ready = find(request.getName(), request.getVersion()).ready();
            } catch (TritonError notFound) {
                ready = false; // Triton answers "not ready" rather than an error for unknown models
            }
            return GrpcService.ModelReadyResponse.newBuilder().setReady(ready).build();
        });
    }

    @Override
    public void modelMetadata(GrpcService.ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> out) {
        answer(out, () -> {
            ServedModel model = find(request.getName(), request.getVersion());
            ModelConfig config = model.config();
            ModelMetadataResponse.Builder metadata = ModelMetadataResponse.newBuilder()
                    .setName(model.name())
                    .addVersions(model.versionText())
                    .setPlatform(config.getPlatform());
            boolean batching = config.getMaxBatchSize() > 0;
            config.getInputList().forEach(input ->
                    metadata.addInputs(tensorMetadata(input.getName(), input.getDataType(), input.getDimsList(), batching)));
            config.getOutputList().forEach(output ->
                    metadata.addOutputs(tensorMetadata(output.getName(), output.getDataType(), output.getDimsList(), batching)));
            return metadata.build();
        });
    }

    @Override
    public void modelConfig(GrpcService.ModelConfigRequest request, StreamObserver<GrpcService.ModelConfigResponse> out) {
        answer(out, () -> GrpcService.ModelConfigResponse.newBuilder()
                .setConfig(find(request.getName(), request.getVersion()).config()).build());
    }

    @Override
    public void repositoryIndex(GrpcService.RepositoryIndexRequest request,
                                StreamObserver<GrpcService.RepositoryIndexResponse> out) {
        answer(out, () -> {
            GrpcService.RepositoryIndexResponse.Builder index = GrpcService.RepositoryIndexResponse.newBuilder();
            for (ServedModel model : models.values()) {
                if (request.getReady() && !model.ready()) {
                    continue;
                }
                ModelState state = model.state();
                index.addModels(GrpcService.RepositoryIndexResponse.ModelIndex.newBuilder()
                        .setName(state.name()).setVersion(state.version())
                        .setState(state.state()).setReason(state.reason()));
            }
            return index.build();
        });
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> out) {
        answer(out, () -> {
            ServedModel model = find(request.getModelName(), request.getModelVersion());
            InferRequests.Prepared prepared = InferRequests.prepare(model, request);
            List<OnnxModel.Output> outputs;
            try {
                outputs = model.onnx().run(prepared.inputs(), prepared.outputs());
            } catch (OrtException e) {
                throw new TritonError(Status.Code.INTERNAL, "onnx runtime error " + e.getCode() + ": " + e.getMessage());
            }
            ModelInferResponse.Builder response = ModelInferResponse.newBuilder()
                    .setModelName(model.name())
                    .setModelVersion(model.versionText())
                    .setId(request.getId());
            for (OnnxModel.Output output : outputs) {
                ModelOutput config = model.output(output.name()).orElseThrow();
                DataType produced = TritonTypes.fromOnnx(output.type());
                if (produced != config.getDataType()) {
                    throw new TritonError(Status.Code.INTERNAL, "unexpected datatype " + produced + " for output '"
                            + output.name() + "' of model '" + model.name() + "', configuration expects "
                            + config.getDataType());
                }
                ModelInferResponse.InferOutputTensor.Builder tensor = ModelInferResponse.InferOutputTensor.newBuilder()
                        .setName(output.name())
                        .setDatatype(TritonTypes.protocolString(produced));
                for (long dim : output.shape()) {
                    tensor.addShape(dim);
                }
                response.addOutputs(tensor).addRawOutputContents(output.bytes());
            }
            return response.build();
        });
    }

    /**
     * The ready model called {@code name}, with Triton's answers when there is none: the message
     * starts "Request for unknown model: " and the code is NOT_FOUND.
     */
    private ServedModel find(String name, String requestedVersion) throws TritonError {
        long version = parseVersion(requestedVersion);
        ServedModel model = models.get(name);
        if (model == null) {
            throw notFound("'" + name + "' is not found");
        }
        if (version != -1 && version != model.version()) {
            throw notFound("'" + name + "' version " + version + " is not found");
        }
        if (!model.ready()) {
            if (version != -1) {
                throw new TritonError(Status.Code.UNAVAILABLE, "Request for unknown model: '" + name + "' version "
                        + version + " is not at ready state");
            }
            throw notFound("'" + name + "' has no available versions");
        }
        return model;
    }

    private static TritonError notFound(String detail) {
        return new TritonError(Status.Code.NOT_FOUND, "Request for unknown model: " + detail);
    }

    private static long parseVersion(String text) throws TritonError {
        if (text.isEmpty()) {
            return -1;
        }
        try {
            long version = Long.parseLong(text);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw TritonError.invalidArgument("failed to get model version from specified version string '" + text
                + "', version should be an integral value > 0");
    }

    private static TensorMetadata tensorMetadata(String name, DataType type, List<Long> dims, boolean batching) {
        TensorMetadata.Builder tensor = TensorMetadata.newBuilder()
                .setName(name)
                .setDatatype(TritonTypes.protocolString(type));
        if (batching) {
            tensor.addShape(-1);
        }
        return tensor.addAllShape(dims).build();
    }

    @FunctionalInterface
    private interface Answer<T> {
        T get() throws TritonError;
    }

    private static <T> void answer(StreamObserver<T> out, Answer<T> answer) {
        T response;
        try {
            response = answer.get();
        } catch (TritonError e) {
            out.onError(e.toStatus());
            return;
        } catch (RuntimeException e) {
            LOG.error("Inference request failed unexpectedly", e);
            out.onError(Status.INTERNAL.withDescription(String.valueOf(e.getMessage())).asRuntimeException());
            return;
        }
        out.onNext(response);
        out.onCompleted();
    }
}
