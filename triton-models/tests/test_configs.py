"""Every config.pbtxt parses against Triton's ModelConfig schema and declares the documented contract."""
import ast
import os

import pytest

from conftest import MODEL_NAMES, MODELS, read_config


def contract(config, kind):
    """(name, datatype, dims as a client sends them) for each input or output; a batching model's
    per-request shape starts with its batch dimension, sent as 1."""
    datatypes = config.DESCRIPTOR.file.enum_types_by_name["DataType"]
    entries = config.input if kind == "input" else config.output
    batch = [1] if config.max_batch_size > 0 else []
    return [(entry.name, datatypes.values_by_number[entry.data_type].name, batch + list(entry.dims))
            for entry in entries]


def test_the_repository_holds_the_three_models():
    assert MODEL_NAMES == ["anidoc", "cotracker", "lightglue"]


@pytest.mark.parametrize("model", MODEL_NAMES)
def test_config_parses_and_names_its_directory(model_config_pb2, model):
    config = read_config(model_config_pb2, model)
    assert config.name == model
    assert config.backend in ("onnxruntime", "python")
    assert [group.kind for group in config.instance_group] == [model_config_pb2.ModelInstanceGroup.KIND_GPU]
    assert config.input and config.output


def test_a_misspelt_field_is_rejected_by_the_schema(model_config_pb2, tmp_path):
    from google.protobuf import text_format
    broken = tmp_path / "config.pbtxt"
    broken.write_text(open(os.path.join(MODELS, "lightglue", "config.pbtxt")).read()
                      .replace("max_batch_size", "max_batchsize"))
    with pytest.raises(text_format.ParseError, match="max_batchsize"):
        read_config(model_config_pb2, "lightglue", str(broken))


def test_lightglue_declares_colmaps_sift_lightglue_contract(model_config_pb2):
    config = read_config(model_config_pb2, "lightglue")
    assert config.backend == "onnxruntime"
    assert config.max_batch_size == 0
    assert contract(config, "input") == [
        ("kpts0", "TYPE_FP32", [1, -1, 2]), ("kpts1", "TYPE_FP32", [1, -1, 2]),
        ("desc0", "TYPE_FP32", [1, -1, 128]), ("desc1", "TYPE_FP32", [1, -1, 128]),
        ("image_size0", "TYPE_FP32", [1, 2]), ("image_size1", "TYPE_FP32", [1, 2]),
        ("scales0", "TYPE_FP32", [1, -1]), ("scales1", "TYPE_FP32", [1, -1]),
        ("oris0", "TYPE_FP32", [1, -1]), ("oris1", "TYPE_FP32", [1, -1]),
    ]
    assert contract(config, "output") == [("matches0", "TYPE_INT64", [-1]), ("mscores0", "TYPE_FP32", [-1])]


def test_cotracker_declares_the_tracking_contract_per_request(model_config_pb2):
    config = read_config(model_config_pb2, "cotracker")
    assert config.backend == "python"
    # one clip per forward pass: the offline model raises on a batch of two or more
    assert config.max_batch_size == 0 and not config.HasField("dynamic_batching")
    assert contract(config, "input") == [("video", "TYPE_UINT8", [1, -1, 3, -1, -1]),
                                         ("queries", "TYPE_FP32", [1, -1, 3])]
    assert contract(config, "output") == [("tracks", "TYPE_FP32", [1, -1, -1, 2]),
                                          ("visibility", "TYPE_FP32", [1, -1, -1])]
    assert config.parameters["checkpoint"].string_value == "scaled_offline.pth"
    assert config.parameters["window_len"].string_value == "60"


def test_anidoc_declares_the_colorizer_contract_and_its_clip_size(model_config_pb2):
    config = read_config(model_config_pb2, "anidoc")
    assert config.backend == "python"
    assert config.max_batch_size == 0
    assert contract(config, "input") == [
        ("reference", "TYPE_UINT8", [1, 3, -1, -1]),
        ("sketches", "TYPE_UINT8", [1, -1, 1, -1, -1]),
        ("ref_points", "TYPE_INT32", [1, -1, -1]),
        ("frame_points", "TYPE_INT32", [1, -1, -1, -1]),
    ]
    assert contract(config, "output") == [("frames", "TYPE_UINT8", [1, -1, 3, -1, -1])]
    size = {key: int(config.parameters[key].string_value) for key in ("frames", "height", "width")}
    assert size == {"frames": 14, "height": 320, "width": 512}
    assert size["height"] % 8 == 0 and size["width"] % 8 == 0


@pytest.mark.parametrize("model", ["anidoc", "cotracker"])
def test_python_models_have_an_adapter_that_knows_every_parameter(model_config_pb2, model, repository):
    config = read_config(model_config_pb2, model)
    source = open(os.path.join(MODELS, model, "1", "model.py")).read()
    classes = [node.name for node in ast.parse(source).body if isinstance(node, ast.ClassDef)]
    assert "TritonPythonModel" in classes
    adapter = repository(model).load_adapter()
    assert set(config.parameters) <= set(adapter.DEFAULTS), "parameters the adapter ignores: %s" % sorted(
        set(config.parameters) - set(adapter.DEFAULTS))
    assert {key: adapter.DEFAULTS[key] for key in config.parameters} == {
        key: value.string_value for key, value in config.parameters.items()}
