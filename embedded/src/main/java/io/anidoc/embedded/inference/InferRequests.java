package io.anidoc.embedded.inference;

import com.google.protobuf.ByteString;
import io.anidoc.proto.inference.GrpcService.InferTensorContents;
import io.anidoc.proto.inference.GrpcService.ModelInferRequest;
import io.anidoc.proto.inference.GrpcService.ModelInferRequest.InferInputTensor;
import io.anidoc.proto.inference.ModelConfigOuterClass.DataType;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelConfig;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelInput;
import io.anidoc.proto.inference.ModelConfigOuterClass.ModelOutput;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an inference request against a model's configuration the way Triton does, in Triton's
 * order and with Triton's messages (its gRPC front end, then request normalization in the core),
 * and turns the inputs into what ONNX Runtime takes.
 */
final class InferRequests {

    /** The checked request: inputs with their full shapes and bytes, and the outputs to return. */
    record Prepared(List<OnnxModel.Input> inputs, List<String> outputs) {
    }

    private record Data(InferInputTensor tensor, ByteString bytes) {
    }

    private InferRequests() {
    }

    static Prepared prepare(ServedModel model, ModelInferRequest request) throws TritonError {
        String modelName = model.name();
        String log = logRequest(request.getId());
        rejectDuplicates(request, log);
        List<Data> data = gatherData(request);
        ModelConfig config = model.config();

        // Requested outputs must exist.
        for (ModelInferRequest.InferRequestedOutputTensor output : request.getOutputsList()) {
            if (model.output(output.getName()).isEmpty()) {
                throw TritonError.invalidArgument(
                        "unexpected inference output '" + output.getName() + "' for model '" + modelName + "'");
            }
        }
        checkInputCount(config, request, log, modelName);

        // Batch size: with max_batch_size > 0 every input starts with the same batch dimension.
        long batchSize = 0;
        List<ModelInput> configs = new ArrayList<>();
        for (InferInputTensor input : request.getInputsList()) {
            ModelInput inputConfig = model.input(input.getName()).orElseThrow(() -> TritonError.invalidArgument(
                    "unexpected inference input '" + input.getName() + "' for model '" + modelName + "'"));
            configs.add(inputConfig);
            if (config.getMaxBatchSize() > 0) {
                if (input.getShapeCount() == 0) {
                    throw TritonError.invalidArgument(log + "input '" + input.getName()
                            + "' has no shape but model requires batch dimension for '" + modelName + "'");
                }
                if (batchSize == 0) {
                    batchSize = input.getShape(0);
                } else if (input.getShape(0) != batchSize) {
                    throw TritonError.invalidArgument(log + "input '" + input.getName()
                            + "' batch size does not match other inputs for '" + modelName + "'");
                }
            }
        }
        // Triton holds the batch size unsigned, so a negative one is too large as well.
        if (batchSize < 0 || batchSize > config.getMaxBatchSize()) {
            throw TritonError.invalidArgument(log + "inference request batch-size must be <= "
                    + config.getMaxBatchSize() + " for '" + modelName + "'");
        }

        List<OnnxModel.Input> inputs = new ArrayList<>();
        for (int i = 0; i < request.getInputsCount(); i++) {
            InferInputTensor input = request.getInputs(i);
            ModelInput inputConfig = configs.get(i);
            DataType requested = TritonTypes.fromProtocolString(input.getDatatype());
            if (requested != inputConfig.getDataType()) {
                throw TritonError.invalidArgument(log + "inference input '" + input.getName() + "' data-type is '"
                        + TritonTypes.protocolString(requested) + "', but model '" + modelName + "' expects '"
                        + TritonTypes.protocolString(inputConfig.getDataType()) + "'");
            }
            List<Long> shape = input.getShapeList();
            List<Long> withoutBatch = config.getMaxBatchSize() > 0 ? shape.subList(1, shape.size()) : shape;
            checkShape(input.getName(), shape, withoutBatch, inputConfig, config, log, modelName);

            long[] fullShape = shape.stream().mapToLong(Long::longValue).toArray();
            ByteString bytes = data.get(i).bytes();
            long expected = elementCount(fullShape) * TritonTypes.byteSize(requested);
            if (bytes.size() != expected) {
                throw TritonError.invalidArgument(log + "input byte size mismatch for input '" + input.getName()
                        + "' for model '" + modelName + "'. Expected " + expected + ", got " + bytes.size());
            }
            inputs.add(new OnnxModel.Input(input.getName(), TritonTypes.onnxType(requested).orElseThrow(), fullShape, bytes));
        }

        List<String> outputs = new ArrayList<>();
        if (request.getOutputsCount() == 0) {
            config.getOutputList().forEach(output -> outputs.add(output.getName()));
        } else {
            request.getOutputsList().forEach(output -> outputs.add(output.getName()));
        }
        return new Prepared(inputs, outputs);
    }

    /** Triton prefixes request errors with the request id, {@code <id_unknown>} when there is none. */
    static String logRequest(String id) {
        return "[request id: " + (id.isEmpty() ? "<id_unknown>" : id) + "] ";
    }

    private static void rejectDuplicates(ModelInferRequest request, String log) throws TritonError {
        Set<String> seen = new HashSet<>();
        for (InferInputTensor input : request.getInputsList()) {
            if (!seen.add(input.getName())) {
                throw TritonError.invalidArgument(log + "input '" + input.getName() + "' already exists in request");
            }
        }
    }

    /** Each input's bytes: its typed contents, or the next raw_input_contents entry, never both. */
    private static List<Data> gatherData(ModelInferRequest request) throws TritonError {
        String modelName = request.getModelName();
        List<Data> data = new ArrayList<>();
        int rawIndex = 0;
        for (InferInputTensor input : request.getInputsList()) {
            if (input.hasContents() && request.getRawInputContentsCount() > 0) {
                throw TritonError.invalidArgument("contents field must not be specified when using raw_input_contents for '"
                        + input.getName() + "' for model '" + modelName + "'");
            } else if (input.hasContents()) {
                data.add(new Data(input, typedContents(input, modelName)));
            } else if (rawIndex < request.getRawInputContentsCount()) {
                data.add(new Data(input, request.getRawInputContents(rawIndex++)));
            } else {
                throw TritonError.invalidArgument("unable to find data for input tensor '" + input.getName()
                        + "' for model '" + modelName + "' in request.");
            }
        }
        return data;
    }

    /** Typed contents to raw little-endian bytes; the contents field used must match the datatype. */
    private static ByteString typedContents(InferInputTensor input, String modelName) throws TritonError {
        DataType declared = TritonTypes.fromProtocolString(input.getDatatype());
        InferTensorContents contents = input.getContents();
        ByteBuffer bytes = null;
        if (contents.getBoolContentsCount() > 0) {
            requireContentsType(input, modelName, DataType.TYPE_BOOL, declared, bytes);
            bytes = allocate(contents.getBoolContentsCount());
            for (boolean value : contents.getBoolContentsList()) {
                bytes.put((byte) (value ? 1 : 0));
            }
        }
        if (contents.getIntContentsCount() > 0) {
            // int_contents carries INT8, INT16 and INT32, each element in its low bytes
            DataType contentsType = declared == DataType.TYPE_INT8 || declared == DataType.TYPE_INT16
                    ? declared : DataType.TYPE_INT32;
            requireContentsType(input, modelName, contentsType, declared, bytes);
            bytes = lowBytes(contents.getIntContentsList(), TritonTypes.byteSize(contentsType));
        }
        if (contents.getInt64ContentsCount() > 0) {
            requireContentsType(input, modelName, DataType.TYPE_INT64, declared, bytes);
            bytes = allocate(contents.getInt64ContentsCount() * 8);
            for (long value : contents.getInt64ContentsList()) {
                bytes.putLong(value);
            }
        }
        if (contents.getUintContentsCount() > 0) {
            // uint_contents carries UINT8, UINT16 and UINT32
            DataType contentsType = declared == DataType.TYPE_UINT8 || declared == DataType.TYPE_UINT16
                    ? declared : DataType.TYPE_UINT32;
            requireContentsType(input, modelName, contentsType, declared, bytes);
            bytes = lowBytes(contents.getUintContentsList(), TritonTypes.byteSize(contentsType));
        }
        if (contents.getFp32ContentsCount() > 0) {
            requireContentsType(input, modelName, DataType.TYPE_FP32, declared, bytes);
            bytes = allocate(contents.getFp32ContentsCount() * 4);
            for (float value : contents.getFp32ContentsList()) {
                bytes.putFloat(value);
            }
        }
        if (contents.getUint64ContentsCount() > 0) {
            requireContentsType(input, modelName, DataType.TYPE_UINT64, declared, bytes);
        }
        if (contents.getFp64ContentsCount() > 0) {
            requireContentsType(input, modelName, DataType.TYPE_FP64, declared, bytes);
        }
        if (contents.getBytesContentsCount() > 0) {
            requireContentsType(input, modelName, DataType.TYPE_STRING, declared, bytes);
        }
        return bytes == null ? ByteString.EMPTY : ByteString.copyFrom(bytes.flip());
    }

    private static void requireContentsType(InferInputTensor input, String modelName, DataType contentsType,
                                            DataType declared, ByteBuffer already) throws TritonError {
        if (already != null) {
            throw TritonError.invalidArgument("unexpected explicit tensor data for input tensor '" + input.getName()
                    + "' for model '" + modelName + "', binary data was already supplied.");
        }
        if (contentsType != declared) {
            throw TritonError.invalidArgument("unexpected explicit tensor data for input tensor '" + input.getName()
                    + "' for model '" + modelName + "' of type '" + TritonTypes.protocolString(contentsType)
                    + "', expected datatype '" + TritonTypes.protocolString(declared) + "'");
        }
    }

    private static void checkInputCount(ModelConfig config, ModelInferRequest request, String log, String modelName)
            throws TritonError {
        int given = request.getInputsCount();
        long required = config.getInputList().stream().filter(input -> !input.getOptional()).count();
        if (given <= config.getInputCount() && given >= required) {
            return;
        }
        Set<String> names = new HashSet<>();
        request.getInputsList().forEach(input -> names.add(input.getName()));
        List<String> missing = new ArrayList<>();
        for (ModelInput input : config.getInputList()) {
            if (!input.getOptional() && !names.contains(input.getName())) {
                missing.add("'" + input.getName() + "'");
            }
        }
        List<String> got = request.getInputsList().stream().map(input -> "'" + input.getName() + "'").toList();
        String expectation = required == config.getInputCount()
                ? "expected " + config.getInputCount() + " inputs"
                : "expected number of inputs between " + required + " and " + config.getInputCount();
        throw TritonError.invalidArgument(log + expectation + " but got " + given + " inputs for model '" + modelName
                + "'. Got input(s) [" + String.join(",", got) + "], but missing required input(s) ["
                + String.join(",", missing) + "]. Please provide all required input(s).");
    }

    private static void checkShape(String name, List<Long> original, List<Long> shape, ModelInput inputConfig,
                                   ModelConfig config, String log, String modelName) throws TritonError {
        List<Long> dims = inputConfig.getDimsList();
        boolean matches = dims.size() == shape.size();
        for (int i = 0; matches && i < dims.size(); i++) {
            if (shape.get(i) == -1) {
                throw TritonError.invalidArgument(log + "All input dimensions should be specified for input '" + name
                        + "' for model '" + modelName + "', got " + TritonTypes.dims(original));
            }
            matches = dims.get(i) == -1 || dims.get(i).equals(shape.get(i));
        }
        for (long dim : original) {
            if (dim < 0 && matches) {
                matches = false;
            }
        }
        if (!matches) {
            List<Long> fullDims = new ArrayList<>();
            String note = "";
            if (config.getMaxBatchSize() > 0) {
                fullDims.add(-1L);
                note = "NOTE: Setting a non-zero max_batch_size in the model config requires a batch dimension to be "
                        + "prepended to each input shape. If you want to specify the full shape including the batch dim "
                        + "in your input dims config, try setting max_batch_size to zero. See the model configuration "
                        + "docs for more info on max_batch_size.";
            }
            fullDims.addAll(dims);
            throw TritonError.invalidArgument(log + "unexpected shape for input '" + name + "' for model '" + modelName
                    + "'. Expected " + TritonTypes.dims(fullDims) + ", got " + TritonTypes.dims(original) + ". " + note);
        }
    }

    private static ByteBuffer lowBytes(List<Integer> values, int elementSize) {
        ByteBuffer bytes = allocate(values.size() * elementSize);
        for (int value : values) {
            for (int b = 0; b < elementSize; b++) {
                bytes.put((byte) (value >>> (8 * b)));
            }
        }
        return bytes;
    }

    private static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    private static ByteBuffer allocate(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
