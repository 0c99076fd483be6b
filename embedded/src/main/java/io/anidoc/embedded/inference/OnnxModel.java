package io.anidoc.embedded.inference;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One ONNX model in an ONNX Runtime CPU session, fed and read as raw little-endian bytes. */
final class OnnxModel implements AutoCloseable {

    /** An input ready for the session: the full shape (batch included) and its bytes. */
    record Input(String name, OnnxJavaType type, long[] shape, ByteString bytes) {
    }

    /** An output as the session produced it. */
    record Output(String name, OnnxJavaType type, long[] shape, ByteString bytes) {
    }

    private final OrtEnvironment environment;
    private final OrtSession session;

    private OnnxModel(OrtEnvironment environment, OrtSession session) {
        this.environment = environment;
        this.session = session;
    }

    static OnnxModel load(OrtEnvironment environment, Path file) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Idle worker threads must not spin: the CPU is shared with the rest of the pipeline.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            return new OnnxModel(environment, environment.createSession(file.toString(), options));
        }
    }

    /** Inputs by name, in the model's order. */
    Map<String, TensorInfo> inputs() throws OrtException {
        return tensorInfos(session.getInputInfo());
    }

    /** Outputs by name, in the model's order. */
    Map<String, TensorInfo> outputs() throws OrtException {
        return tensorInfos(session.getOutputInfo());
    }

    List<Output> run(List<Input> inputs, List<String> outputNames) throws OrtException {
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (Input input : inputs) {
                feed.put(input.name(), OnnxTensor.createTensor(environment, nativeOrder(input.bytes(), input.type()),
                        input.shape(), input.type()));
            }
            try (OrtSession.Result result = session.run(feed, new HashSet<>(outputNames))) {
                List<Output> outputs = new ArrayList<>(outputNames.size());
                for (String name : outputNames) {
                    OnnxValue value = result.get(name).orElseThrow(
                            () -> new IllegalStateException("ONNX Runtime returned no output '" + name + "'"));
                    if (!(value instanceof OnnxTensor tensor)) {
                        throw new IllegalStateException("output '" + name + "' is a " + value.getType() + ", not a tensor");
                    }
                    TensorInfo info = tensor.getInfo();
                    outputs.add(new Output(name, info.type, info.getShape(), littleEndian(tensor.getByteBuffer(), info.type)));
                }
                return outputs;
            }
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    private static Map<String, TensorInfo> tensorInfos(Map<String, NodeInfo> nodes) {
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        nodes.forEach((name, node) -> {
            if (node.getInfo() instanceof TensorInfo info) {
                infos.put(name, info);
            }
        });
        return infos;
    }

    /** A direct buffer in the platform's order, which ONNX Runtime reads without another copy. */
    private static ByteBuffer nativeOrder(ByteString littleEndian, OnnxJavaType type) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(littleEndian.size()).order(ByteOrder.nativeOrder());
        littleEndian.copyTo(buffer);
        buffer.flip();
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            swapElements(buffer, type.size);
        }
        return buffer;
    }

    private static ByteString littleEndian(ByteBuffer nativeBytes, OnnxJavaType type) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            swapElements(nativeBytes, type.size);
        }
        // The buffer is a fresh copy that nothing else holds.
        return UnsafeByteOperations.unsafeWrap(nativeBytes);
    }

    private static void swapElements(ByteBuffer buffer, int elementSize) {
        for (int start = buffer.position(); start + elementSize <= buffer.limit(); start += elementSize) {
            for (int i = 0, j = elementSize - 1; i < j; i++, j--) {
                byte b = buffer.get(start + i);
                buffer.put(start + i, buffer.get(start + j));
                buffer.put(start + j, b);
            }
        }
    }
}
