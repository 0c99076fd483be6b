"""tools/onnx_check.py: whether an ONNX asset loads on the Triton image's ONNX Runtime, and the
datatypes its outputs must be declared with."""
import os
import subprocess
import sys

import onnx
from onnx import TensorProto, helper

from conftest import MODELS

TOOL = os.path.join(MODELS, "tools", "onnx_check.py")
TEST_MODELS = os.path.join(os.path.dirname(MODELS), "runtime", "src", "test", "resources", "models")


def check(*args):
    return subprocess.run([sys.executable, TOOL] + [str(a) for a in args], capture_output=True, text=True, timeout=60)


def identity_model(path, ir_version, opset):
    graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "g",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = ir_version
    with open(str(path), "wb") as f:
        f.write(model.SerializeToString())
    return path


def test_the_lightglue_stand_in_loads_and_declares_int64_matches():
    result = check(os.path.join(TEST_MODELS, "lightglue", "1", "model.onnx"))
    assert result.returncode == 0, result.stderr
    assert "ir_version 7" in result.stdout and "ai.onnx 13" in result.stdout
    assert "output matches0 INT64 (config.pbtxt: data_type: TYPE_INT64)" in result.stdout
    assert "output mscores0 FLOAT (config.pbtxt: data_type: TYPE_FP32)" in result.stdout


def test_a_float_matches_output_is_named_with_the_type_to_declare():
    result = check(os.path.join(TEST_MODELS, "lightglue_fp32", "1", "model.onnx"))
    assert result.returncode == 0
    assert "output matches0 FLOAT (config.pbtxt: data_type: TYPE_FP32)" in result.stdout


def test_an_asset_newer_than_the_images_onnx_runtime_is_refused_naming_what_to_raise(tmp_path):
    result = check(identity_model(tmp_path / "new.onnx", 11, 23))
    assert result.returncode == 1
    assert "IR version 11 is above 10" in result.stderr and "opset 23 is above 21" in result.stderr
    assert "TRITON_VERSION" in result.stderr
    assert check(tmp_path / "new.onnx", "--max-ir", 11, "--max-opset", 23).returncode == 0


def test_the_limits_are_inclusive(tmp_path):
    assert check(identity_model(tmp_path / "edge.onnx", 10, 21)).returncode == 0


def test_a_file_that_is_not_onnx_is_named(tmp_path):
    broken = tmp_path / "model.onnx"
    broken.write_bytes(b"not a model")
    result = check(broken)
    assert result.returncode == 2 and "cannot read %s as an ONNX model" % broken in result.stderr
