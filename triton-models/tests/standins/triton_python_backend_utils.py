"""Stand-in for the `triton_python_backend_utils` module that Triton's Python backend provides.

It offers the part of that module's interface the adapters use, with the same names and call
shapes, so model.py files run here for real without a Triton server.
"""
import numpy as np

_TYPES = {
    "TYPE_BOOL": np.bool_,
    "TYPE_UINT8": np.uint8,
    "TYPE_UINT16": np.uint16,
    "TYPE_UINT32": np.uint32,
    "TYPE_UINT64": np.uint64,
    "TYPE_INT8": np.int8,
    "TYPE_INT16": np.int16,
    "TYPE_INT32": np.int32,
    "TYPE_INT64": np.int64,
    "TYPE_FP16": np.float16,
    "TYPE_FP32": np.float32,
    "TYPE_FP64": np.float64,
    "TYPE_STRING": np.object_,
}


class TritonError:
    def __init__(self, message, code=None):
        self._message = message
        self._code = code

    def message(self):
        return self._message

    def code(self):
        return self._code


class TritonModelException(Exception):
    pass


class Tensor:
    def __init__(self, name, array):
        if not isinstance(array, np.ndarray):
            raise TypeError("tensor '%s' needs a numpy array, got %s" % (name, type(array).__name__))
        if not array.flags["C_CONTIGUOUS"]:
            raise ValueError("tensor '%s' needs a C-contiguous array" % name)
        self._name = name
        self._array = array

    def name(self):
        return self._name

    def as_numpy(self):
        return self._array


class InferenceRequest:
    def __init__(self, inputs, requested_output_names=(), model_name=""):
        self._inputs = list(inputs)
        self._requested = list(requested_output_names)
        self._model_name = model_name

    def inputs(self):
        return list(self._inputs)

    def requested_output_names(self):
        return list(self._requested)


class InferenceResponse:
    def __init__(self, output_tensors=None, error=None):
        self._outputs = list(output_tensors or [])
        self._error = error

    def output_tensors(self):
        return list(self._outputs)

    def has_error(self):
        return self._error is not None

    def error(self):
        return self._error


def get_input_tensor_by_name(request, name):
    return next((tensor for tensor in request.inputs() if tensor.name() == name), None)


def get_output_tensor_by_name(response, name):
    return next((tensor for tensor in response.output_tensors() if tensor.name() == name), None)


def get_input_config_by_name(model_config, name):
    return next((entry for entry in model_config.get("input", []) if entry["name"] == name), None)


def get_output_config_by_name(model_config, name):
    return next((entry for entry in model_config.get("output", []) if entry["name"] == name), None)


def triton_string_to_numpy(triton_type_string):
    return _TYPES[triton_type_string]


class Logger:
    """Collects what the adapters log, by level."""

    records = []

    @classmethod
    def log(cls, level, message):
        cls.records.append((level, message))

    @classmethod
    def log_info(cls, message):
        cls.log("INFO", message)

    @classmethod
    def log_warn(cls, message):
        cls.log("WARNING", message)

    @classmethod
    def log_error(cls, message):
        cls.log("ERROR", message)

    @classmethod
    def log_verbose(cls, message):
        cls.log("VERBOSE", message)
