package io.anidoc.embedded.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import com.google.protobuf.TextFormat;
import io.anidoc.proto.inference.ModelConfigOuterClass.DataType;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelInput;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Reads a Triton model repository: every subdirectory is a model with a {@code config.pbtxt} and
 * numbered version directories. ONNX models ({@code backend: "onnxruntime"} or
 * {@code platform: "onnxruntime_onnx"}) are loaded into ONNX Runtime; models of other backends
 * are listed as unavailable, as are models that fail to load, each with the reason.
 */
final class ModelRepository {

    static final String ONNX_BACKEND = "onnxruntime";
    static final String ONNX_PLATFORM = "onnxruntime_onnx";
    private static final String CONFIG_FILE = "config.pbtxt";
    private static final String DEFAULT_MODEL_FILE = "model.onnx";
    private static final Logger LOG = LoggerFactory.getLogger(ModelRepository.class);

    private ModelRepository() {
    }

    static List<ServedModel> load(Path root, OrtEnvironment environment) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("model repository " + root + " is not a directory");
        }
        List<Path> directories;
        try (Stream<Path> entries = Files.list(root)) {
            directories = entries.filter(Files::isDirectory)
                    .filter(dir -> !dir.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
        List<ServedModel> models = new ArrayList<>();
        for (Path directory : directories) {
            ServedModel model = loadModel(directory, environment);
            if (model.ready()) {
                LOG.info("Model '{}' version {} is ready ({} inputs, {} outputs)", model.name(), model.version(),
                        model.config().getInputCount(), model.config().getOutputCount());
            } else {
                LOG.warn("Model '{}' is unavailable: {}", model.name(), model.reason());
            }
            models.add(model);
        }
        return models;
    }

    private static ServedModel loadModel(Path directory, OrtEnvironment environment) throws IOException {
        String directoryName = directory.getFileName().toString();
        ModelConfig.Builder builder = ModelConfig.newBuilder();
        Path configFile = directory.resolve(CONFIG_FILE);
        if (Files.exists(configFile)) {
            try {
                TextFormat.merge(Files.readString(configFile, StandardCharsets.UTF_8), builder);
            } catch (TextFormat.ParseException e) {
                return ServedModel.unavailable(directoryName, 0, builder.build(), true,
                        "failed to read text proto from " + configFile + ": " + e.getMessage());
            }
        }
        if (builder.getName().isEmpty()) {
            builder.setName(directoryName);
        }
        if (!builder.getName().equals(directoryName)) {
            return ServedModel.unavailable(directoryName, 0, builder.build(), true, "unexpected directory name '"
                    + directoryName + "' for model '" + builder.getName() + "', directory name must equal model name");
        }
        long version = latestVersion(directory, builder.build()).orElse(0);
        boolean onnx = builder.getBackend().equals(ONNX_BACKEND) || builder.getPlatform().equals(ONNX_PLATFORM)
                || (builder.getBackend().isEmpty() && builder.getPlatform().isEmpty());
        if (!onnx) {
            String backend = builder.getBackend().isEmpty() ? builder.getPlatform() : builder.getBackend();
            return ServedModel.unavailable(directoryName, version, builder.build(), false, "backend '" + backend
                    + "' is not supported by the embedded server, which runs onnxruntime models only");
        }
        builder.setBackend(ONNX_BACKEND).setPlatform(ONNX_PLATFORM);
        if (version == 0) {
            return ServedModel.unavailable(directoryName, 0, builder.build(), true,
                    "at least one version must be available under the version policy of model '" + directoryName + "'");
        }
        String fileName = builder.getDefaultModelFilename().isEmpty() ? DEFAULT_MODEL_FILE : builder.getDefaultModelFilename();
        Path modelFile = directory.resolve(Long.toString(version)).resolve(fileName);
        if (!Files.isRegularFile(modelFile)) {
            return ServedModel.unavailable(directoryName, version, builder.build(), true,
                    "unable to find '" + modelFile + "' for model '" + directoryName + "'");
        }
        OnnxModel model;
        try {
            model = OnnxModel.load(environment, modelFile);
        } catch (OrtException e) {
            return ServedModel.unavailable(directoryName, version, builder.build(), true,
                    "unable to load model '" + directoryName + "': " + e.getMessage());
        }
        String problem;
        try {
            problem = completeAndCheck(builder, model);
        } catch (OrtException e) {
            problem = "unable to read the inputs and outputs of model '" + directoryName + "': " + e.getMessage();
        }
        if (problem != null) {
            closeQuietly(model);
            return ServedModel.unavailable(directoryName, version, builder.build(), true, problem);
        }
        return ServedModel.ready(builder.build(), version, model);
    }

    /** The highest version directory the version policy allows (the default policy serves the latest). */
    private static OptionalLong latestVersion(Path directory, ModelConfig config) throws IOException {
        List<Long> versions = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.filter(Files::isDirectory).toList()) {
                String name = entry.getFileName().toString();
                if (name.matches("[1-9][0-9]{0,17}")) {
                    versions.add(Long.parseLong(name));
                }
            }
        }
        if (config.hasVersionPolicy() && config.getVersionPolicy().hasSpecific()) {
            versions.retainAll(config.getVersionPolicy().getSpecific().getVersionsList());
        }
        return versions.stream().mapToLong(Long::longValue).max();
    }

    /**
     * Fills inputs and outputs from the model when the configuration has none (as Triton's
     * auto-complete does), then checks the configuration against the model. Returns the problem, or
     * null when they agree.
     */
    private static String completeAndCheck(ModelConfig.Builder config, OnnxModel model) throws OrtException {
        Map<String, TensorInfo> inputs = model.inputs();
        Map<String, TensorInfo> outputs = model.outputs();
        String name = config.getName();
        int batchDims = config.getMaxBatchSize() > 0 ? 1 : 0;
        if (config.getInputCount() == 0 && config.getOutputCount() == 0) {
            inputs.forEach((tensor, info) -> config.addInput(ModelInput.newBuilder().setName(tensor)
                    .setDataType(TritonTypes.fromOnnx(info.type)).addAllDims(configDims(info, batchDims))));
            outputs.forEach((tensor, info) -> config.addOutput(ModelOutput.newBuilder().setName(tensor)
                    .setDataType(TritonTypes.fromOnnx(info.type)).addAllDims(configDims(info, batchDims))));
        }
        if (config.getInputCount() != inputs.size()) {
            return "unable to load model '" + name + "', configuration expects " + config.getInputCount()
                    + " inputs, model provides " + inputs.size();
        }
        for (ModelInput input : config.getInputList()) {
            String problem = check(name, "input", input.getName(), input.getDataType(), input.getDimsList(),
                    inputs.get(input.getName()), inputs.keySet(), batchDims);
            if (problem != null) {
                return problem;
            }
        }
        for (ModelOutput output : config.getOutputList()) {
            String problem = check(name, "output", output.getName(), output.getDataType(), output.getDimsList(),
                    outputs.get(output.getName()), outputs.keySet(), batchDims);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String check(String model, String kind, String tensor, DataType type, List<Long> dims,
                                TensorInfo info, Iterable<String> allowed, int batchDims) {
        if (info == null) {
            return "unexpected inference " + kind + " '" + tensor + "', allowed " + kind + "s are: "
                    + String.join(", ", allowed);
        }
        if (TritonTypes.onnxType(type).isEmpty()) {
            return "unable to load model '" + model + "', datatype " + type + " of " + kind + " '" + tensor
                    + "' is not supported by the embedded server";
        }
        DataType provided = TritonTypes.fromOnnx(info.type);
        if (provided != type) {
            return "unable to load model '" + model + "', configuration expects datatype " + type + " for " + kind
                    + " '" + tensor + "', model provides " + provided;
        }
        // As Triton's backends check it: the configuration may not widen a dimension the model
        // fixes (a -1 there would let requests through that the session then fails with INTERNAL).
        long[] modelShape = info.getShape();
        List<Long> fullDims = new ArrayList<>();
        if (batchDims == 1) {
            if (modelShape.length == 0 || modelShape[0] >= 0) {
                return "unable to load model '" + model + "', model configuration supports batching but first dimension "
                        + "of tensor '" + tensor + "' expected by framework is not a variable-size batch dimension: "
                        + shapeText(modelShape) + " whereas model configuration shape is: " + TritonTypes.dims(dims);
            }
            fullDims.add(-1L);
        }
        fullDims.addAll(dims);
        boolean compatible = modelShape.length == fullDims.size();
        for (int i = 0; compatible && i < modelShape.length; i++) {
            compatible = modelShape[i] < 0 || modelShape[i] == fullDims.get(i);
        }
        if (!compatible) {
            return "unable to load model '" + model + "', " + kind + " '" + tensor + "' shape expected by framework "
                    + shapeText(modelShape) + " doesn't match model configuration shape " + TritonTypes.dims(fullDims)
                    + (batchDims == 1 ? " (max_batch_size > 0 prepends a batch dimension)" : "");
        }
        return null;
    }

    private static String shapeText(long[] shape) {
        long[] dims = shape.clone();
        for (int i = 0; i < dims.length; i++) {
            dims[i] = Math.max(-1, dims[i]);
        }
        return Arrays.toString(dims).replace(" ", "");
    }

    private static List<Long> configDims(TensorInfo info, int batchDims) {
        long[] shape = info.getShape();
        List<Long> dims = new ArrayList<>();
        for (int i = batchDims; i < shape.length; i++) {
            dims.add(shape[i] < 0 ? -1L : shape[i]);
        }
        return dims;
    }

    private static void closeQuietly(OnnxModel model) {
        try {
            model.close();
        } catch (OrtException e) {
            LOG.debug("closing a rejected model failed", e);
        }
    }
}
