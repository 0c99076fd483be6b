package io.anidoc.runtime.inference;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.anidoc.proto.inference.GrpcService.InferTensorContents;
import io.anidoc.proto.inference.GrpcService.ModelInferRequest;
import io.anidoc.proto.inference.GrpcService.ModelInferResponse;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts tensors to and from the KServe v2 messages: raw little-endian bytes both ways. */
final class WireTensors {

    private WireTensors() {
    }

    static ModelInferRequest request(String model, String version, String id, List<Tensor> inputs, List<String> outputs) {
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder()
                .setModelName(model)
                .setModelVersion(version)
                .setId(id);
        for (Tensor input : inputs) {
            ModelInferRequest.InferInputTensor.Builder tensor = ModelInferRequest.InferInputTensor.newBuilder()
                    .setName(input.name())
                    .setDatatype(input.datatype().wireName());
            for (long dim : input.shape()) {
                tensor.addShape(dim);
            }
            request.addInputs(tensor);
            // The tensor's buffer is read-only, so wrapping it without a copy is safe.
            request.addRawInputContents(UnsafeByteOperations.unsafeWrap(input.data()));
        }
        for (String output : outputs) {
            request.addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName(output));
        }
        return request.build();
    }

    static InferResult result(ModelInferResponse response) {
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (int i = 0; i < response.getOutputsCount(); i++) {
            ModelInferResponse.InferOutputTensor output = response.getOutputs(i);
            Datatype datatype = Datatype.fromWireName(output.getDatatype());
            long[] shape = output.getShapeList().stream().mapToLong(Long::longValue).toArray();
            ByteBuffer data = i < response.getRawOutputContentsCount()
                    ? response.getRawOutputContents(i).asReadOnlyByteBuffer()
                    : typedToRaw(output.getName(), datatype, output.getContents());
            outputs.put(output.getName(), new Tensor(output.getName(), datatype, shape, data));
        }
        return new InferResult(response.getModelName(), response.getModelVersion(), response.getId(), outputs);
    }

    /** A server may answer with typed contents instead of raw bytes; read them into the raw layout. */
    static ByteBuffer typedToRaw(String name, Datatype datatype, InferTensorContents contents) {
        ByteBuffer buffer;
        switch (datatype) {
            case BOOL -> {
                buffer = allocate(contents.getBoolContentsCount());
                contents.getBoolContentsList().forEach(v -> buffer.put((byte) (v ? 1 : 0)));
            }
            case UINT8 -> {
                buffer = allocate(contents.getUintContentsCount());
                contents.getUintContentsList().forEach(v -> buffer.put(v.byteValue()));
            }
            case INT32 -> {
                buffer = allocate(contents.getIntContentsCount() * 4);
                contents.getIntContentsList().forEach(buffer::putInt);
            }
            case INT64 -> {
                buffer = allocate(contents.getInt64ContentsCount() * 8);
                contents.getInt64ContentsList().forEach(buffer::putLong);
            }
            case FP32 -> {
                buffer = allocate(contents.getFp32ContentsCount() * 4);
                contents.getFp32ContentsList().forEach(buffer::putFloat);
            }
            case BYTES -> {
                List<ByteString> elements = new ArrayList<>(contents.getBytesContentsList());
                int total = elements.stream().mapToInt(e -> 4 + e.size()).sum();
                buffer = allocate(total);
                for (ByteString element : elements) {
                    buffer.putInt(element.size());
                    element.copyTo(buffer);
                }
            }
            default -> throw new IllegalArgumentException(
                    "output '" + name + "' is " + datatype + " but came without raw_output_contents");
        }
        return buffer.flip();
    }

    private static ByteBuffer allocate(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
