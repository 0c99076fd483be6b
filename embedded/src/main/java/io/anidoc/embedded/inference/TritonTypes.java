package io.anidoc.embedded.inference;

import ai.onnxruntime.OnnxJavaType;
import io.anidoc.proto.inference.ModelConfigOuterClass.DataType;

import java.util.Optional;

/** Triton's datatype names: config enum, protocol string, ONNX Runtime element type. */
final class TritonTypes {

    private TritonTypes() {
    }

    /** As Triton's {@code DataTypeToProtocolString}: {@code TYPE_FP32} is {@code FP32}, {@code TYPE_STRING} is {@code BYTES}. */
    static String protocolString(DataType type) {
        return switch (type) {
            case TYPE_BOOL -> "BOOL";
            case TYPE_UINT8 -> "UINT8";
            case TYPE_UINT16 -> "UINT16";
            case TYPE_UINT32 -> "UINT32";
            case TYPE_UINT64 -> "UINT64";
            case TYPE_INT8 -> "INT8";
            case TYPE_INT16 -> "INT16";
            case TYPE_INT32 -> "INT32";
            case TYPE_INT64 -> "INT64";
            case TYPE_FP16 -> "FP16";
            case TYPE_FP32 -> "FP32";
            case TYPE_FP64 -> "FP64";
            case TYPE_STRING -> "BYTES";
            case TYPE_BF16 -> "BF16";
            default -> "<invalid>";
        };
    }

    /** As Triton's {@code StringToDataType}: unknown names are {@code TYPE_INVALID}. */
    static DataType fromProtocolString(String name) {
        for (DataType type : DataType.values()) {
            if (type != DataType.UNRECOGNIZED && type != DataType.TYPE_INVALID && protocolString(type).equals(name)) {
                return type;
            }
        }
        return DataType.TYPE_INVALID;
    }

    /** Bytes per element; 0 for strings and types without a fixed size. */
    static int byteSize(DataType type) {
        return switch (type) {
            case TYPE_BOOL, TYPE_UINT8, TYPE_INT8 -> 1;
            case TYPE_UINT16, TYPE_INT16, TYPE_FP16, TYPE_BF16 -> 2;
            case TYPE_UINT32, TYPE_INT32, TYPE_FP32 -> 4;
            case TYPE_UINT64, TYPE_INT64, TYPE_FP64 -> 8;
            default -> 0;
        };
    }

    /** The ONNX Runtime element type of the types this server runs; empty for the others. */
    static Optional<OnnxJavaType> onnxType(DataType type) {
        return Optional.ofNullable(switch (type) {
            case TYPE_BOOL -> OnnxJavaType.BOOL;
            case TYPE_UINT8 -> OnnxJavaType.UINT8;
            case TYPE_INT32 -> OnnxJavaType.INT32;
            case TYPE_INT64 -> OnnxJavaType.INT64;
            case TYPE_FP16 -> OnnxJavaType.FLOAT16;
            case TYPE_FP32 -> OnnxJavaType.FLOAT;
            default -> null;
        });
    }

    /** The config type of an ONNX element type, {@code TYPE_INVALID} for ones this server does not run. */
    static DataType fromOnnx(OnnxJavaType type) {
        return switch (type) {
            case BOOL -> DataType.TYPE_BOOL;
            case UINT8 -> DataType.TYPE_UINT8;
            case INT8 -> DataType.TYPE_INT8;
            case INT16 -> DataType.TYPE_INT16;
            case INT32 -> DataType.TYPE_INT32;
            case INT64 -> DataType.TYPE_INT64;
            case FLOAT16 -> DataType.TYPE_FP16;
            case BFLOAT16 -> DataType.TYPE_BF16;
            case FLOAT -> DataType.TYPE_FP32;
            case DOUBLE -> DataType.TYPE_FP64;
            case STRING -> DataType.TYPE_STRING;
            default -> DataType.TYPE_INVALID;
        };
    }

    /** {@code [-1,4]}, as Triton's {@code DimsListToString}. */
    static String dims(Iterable<Long> dims) {
        StringBuilder text = new StringBuilder("[");
        for (Long dim : dims) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(dim);
        }
        return text.append(']').toString();
    }
}
