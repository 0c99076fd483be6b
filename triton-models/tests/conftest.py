"""Shared set-up: the Triton stand-ins on sys.path, the model configuration schema, and helpers
that copy a model from the repository into a temporary model repository and run its adapter."""
import importlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys

import pytest

TESTS = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.dirname(TESTS)
STANDINS = os.path.join(TESTS, "standins")
ANIDOC_SOURCE = os.path.join(STANDINS, "anidoc_source")
MODEL_CONFIG_PROTO = os.path.join(os.path.dirname(MODELS), "proto", "src", "main", "proto", "model_config.proto")
MODEL_NAMES = sorted(name for name in os.listdir(MODELS)
                     if os.path.isfile(os.path.join(MODELS, name, "config.pbtxt")))

sys.path.insert(0, STANDINS)
import triton_python_backend_utils as pb_utils  # noqa: E402

# Modules an adapter brings in; they are dropped after each test (torch and numpy stay loaded).
ADAPTER_PACKAGES = ("cotracker", "pipelines", "models_diffusers", "lineart_extractor")


@pytest.fixture(autouse=True)
def isolated_imports():
    """Each Triton Python model runs in its own process; give each test a clean import state."""
    saved_path = list(sys.path)
    pb_utils.Logger.records.clear()
    yield
    sys.path[:] = saved_path
    for name in list(sys.modules):
        if name.split(".")[0] in ADAPTER_PACKAGES or name.endswith("_adapter"):
            del sys.modules[name]


@pytest.fixture(scope="session")
def model_config_pb2(tmp_path_factory):
    """Triton's ModelConfig message, compiled from the project's model_config.proto."""
    out = tmp_path_factory.mktemp("model_config_proto")
    subprocess.run(["protoc", "--proto_path=" + os.path.dirname(MODEL_CONFIG_PROTO),
                    "--python_out=" + str(out), MODEL_CONFIG_PROTO], check=True)
    spec = importlib.util.spec_from_file_location("model_config_pb2", out / "model_config_pb2.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_config(model_config_pb2, model, path=None):
    from google.protobuf import text_format
    with open(path or os.path.join(MODELS, model, "config.pbtxt")) as f:
        return text_format.Parse(f.read(), model_config_pb2.ModelConfig())


def config_json(config):
    """The configuration as the Python backend hands it to initialize()."""
    from google.protobuf import json_format
    return json.dumps(json_format.MessageToDict(config, preserving_proto_field_name=True))


class ModelRepository:
    """A temporary model repository holding one model copied from this repository."""

    def __init__(self, root, model, model_config_pb2):
        self.model = model
        self.dir = os.path.join(str(root), model)
        self.version_dir = os.path.join(self.dir, "1")
        shutil.copytree(os.path.join(MODELS, model), self.dir)
        self.config = read_config(model_config_pb2, model)

    def set_parameter(self, key, value):
        self.config.parameters[key].string_value = str(value)

    def args(self, kind="GPU"):
        return {
            "model_config": config_json(self.config),
            "model_instance_kind": kind,
            "model_instance_name": self.model + "_0",
            "model_instance_device_id": "0",
            "model_repository": self.dir,
            "model_version": "1",
            "model_name": self.model,
        }

    def load_adapter(self):
        name = "%s_adapter" % self.model
        spec = importlib.util.spec_from_file_location(name, os.path.join(self.version_dir, "model.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module

    def start(self, kind="GPU"):
        model = self.load_adapter().TritonPythonModel()
        model.initialize(self.args(kind))
        return model


@pytest.fixture
def repository(tmp_path, model_config_pb2):
    return lambda model: ModelRepository(tmp_path / "models", model, model_config_pb2)


def request(**arrays):
    return pb_utils.InferenceRequest([pb_utils.Tensor(name, array) for name, array in arrays.items()])


def output(response, name):
    assert not response.has_error(), response.error().message()
    tensor = pb_utils.get_output_tensor_by_name(response, name)
    assert tensor is not None, "no output %r" % name
    return tensor.as_numpy()


def error_message(response):
    assert response.has_error(), "expected an error response"
    return response.error().message()
