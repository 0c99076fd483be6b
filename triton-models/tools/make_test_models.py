#!/usr/bin/python3
"""Builds the small ONNX models the project tests its inference path with.

Each model lands in a Triton model repository layout, <out>/<name>/config.pbtxt and
<out>/<name>/1/model.onnx, so the embedded CPU server and a real Triton can both serve it.

  add_sub    INPUT0, INPUT1 FP32 [batch, 4] -> OUTPUT0 = sum, OUTPUT1 = difference
  dtypes     one input per datatype (FP16, UINT8, BOOL, INT32, INT64) -> a simple function of it
  lightglue  the SIFT-LightGlue contract, answered by mutual nearest neighbours on descriptors
  lightglue_fp32  the same with matches0 as FLOAT, as some exports emit it
  cotracker  the Co-Tracker contract (one clip, UINT8 video), answered with static tracks that are always visible
  anidoc     the AniDoc contract at a small fixed clip size, answered with the reference's colors
             on the paper of every sketch and black on its lines

The stand-ins honour the names, datatypes and shapes of the real models so the services can be
tested end to end without a GPU; they are not the real networks.

Needs Debian's python3-onnx (apt-get install -y python3-onnx); run it with /usr/bin/python3.
"""
import argparse
import os

import onnx
from onnx import TensorProto, helper

OPSET = 13
IR_VERSION = 7
PRODUCER = "anidoc-make-test-models"

KSERVE_TO_CONFIG = {
    TensorProto.FLOAT: "TYPE_FP32",
    TensorProto.FLOAT16: "TYPE_FP16",
    TensorProto.UINT8: "TYPE_UINT8",
    TensorProto.BOOL: "TYPE_BOOL",
    TensorProto.INT32: "TYPE_INT32",
    TensorProto.INT64: "TYPE_INT64",
}


def tensor(name, elem_type, shape):
    """A graph input or output; strings in shape are symbolic (variable) dimensions."""
    return helper.make_tensor_value_info(name, elem_type, shape)


def const_i64(name, values):
    return helper.make_node(
        "Constant", [], [name],
        value=helper.make_tensor(name + "_value", TensorProto.INT64, [len(values)], values))


def scalar(name, elem_type, value):
    return helper.make_node(
        "Constant", [], [name], value=helper.make_tensor(name + "_value", elem_type, [], [value]))


def model(graph):
    built = helper.make_model(
        graph, producer_name=PRODUCER, opset_imports=[helper.make_opsetid("", OPSET)])
    built.ir_version = IR_VERSION
    onnx.checker.check_model(built)
    return built


def add_sub():
    batch = "batch"
    nodes = [
        helper.make_node("Add", ["INPUT0", "INPUT1"], ["OUTPUT0"]),
        helper.make_node("Sub", ["INPUT0", "INPUT1"], ["OUTPUT1"]),
    ]
    graph = helper.make_graph(
        nodes, "add_sub",
        [tensor("INPUT0", TensorProto.FLOAT, [batch, 4]), tensor("INPUT1", TensorProto.FLOAT, [batch, 4])],
        [tensor("OUTPUT0", TensorProto.FLOAT, [batch, 4]), tensor("OUTPUT1", TensorProto.FLOAT, [batch, 4])])
    config = {"max_batch_size": 8,
              "inputs": [("INPUT0", TensorProto.FLOAT, [4]), ("INPUT1", TensorProto.FLOAT, [4])],
              "outputs": [("OUTPUT0", TensorProto.FLOAT, [4]), ("OUTPUT1", TensorProto.FLOAT, [4])]}
    return model(graph), config


def dtypes():
    """Round trips every datatype the pipeline sends: y = f(x) with an exact, easy answer."""
    nodes = [
        helper.make_node("Add", ["x_fp16", "x_fp16"], ["y_fp16"]),          # doubled, exact in FP16
        helper.make_node("Identity", ["x_uint8"], ["y_uint8"]),
        helper.make_node("Not", ["x_bool"], ["y_bool"]),
        scalar("one_i32", TensorProto.INT32, 1),
        helper.make_node("Add", ["x_int32", "one_i32"], ["y_int32"]),       # plus one
        scalar("three_i64", TensorProto.INT64, 3),
        helper.make_node("Mul", ["x_int64", "three_i64"], ["y_int64"]),     # times three
    ]
    types = [("fp16", TensorProto.FLOAT16), ("uint8", TensorProto.UINT8), ("bool", TensorProto.BOOL),
             ("int32", TensorProto.INT32), ("int64", TensorProto.INT64)]
    graph = helper.make_graph(
        nodes, "dtypes",
        [tensor("x_" + suffix, elem, ["n_" + suffix]) for suffix, elem in types],
        [tensor("y_" + suffix, elem, ["n_" + suffix]) for suffix, elem in types])
    config = {"max_batch_size": 0,
              "inputs": [("x_" + suffix, elem, [-1]) for suffix, elem in types],
              "outputs": [("y_" + suffix, elem, [-1]) for suffix, elem in types]}
    return model(graph), config


def lightglue(matches_type=None):
    """Mutual nearest neighbours on the descriptors; the geometry inputs are accepted and unused.

    matches0 is INT64, or the given type (exports of SIFT-LightGlue emit it as INT64 or FLOAT)."""
    matches_type = matches_type or TensorProto.INT64
    matches_name = "matches0" if matches_type == TensorProto.INT64 else "matches0_index"
    n0, n1 = "num_keypoints0", "num_keypoints1"
    nodes = [
        const_i64("axis0", [0]),
        helper.make_node("Squeeze", ["desc0", "axis0"], ["d0"]),                      # [N0,128]
        helper.make_node("Squeeze", ["desc1", "axis0"], ["d1"]),                      # [N1,128]
        helper.make_node("Transpose", ["d1"], ["d1t"], perm=[1, 0]),                  # [128,N1]
        helper.make_node("MatMul", ["d0", "d1t"], ["similarity"]),                    # [N0,N1]
        helper.make_node("ArgMax", ["similarity"], ["best1"], axis=1, keepdims=0),    # [N0] -> index in 1
        helper.make_node("ArgMax", ["similarity"], ["best0"], axis=0, keepdims=0),    # [N1] -> index in 0
        helper.make_node("Gather", ["best0", "best1"], ["round_trip"], axis=0),       # [N0]
        helper.make_node("Shape", ["d0"], ["d0_shape"]),
        helper.make_node("Gather", ["d0_shape", "zero_index"], ["count0"], axis=0),  # scalar N0
        scalar("zero_index", TensorProto.INT64, 0),
        scalar("zero_i64", TensorProto.INT64, 0),
        scalar("one_i64", TensorProto.INT64, 1),
        helper.make_node("Range", ["zero_i64", "count0", "one_i64"], ["index0"]),     # [N0]
        helper.make_node("Equal", ["round_trip", "index0"], ["mutual"]),
        scalar("no_match", TensorProto.INT64, -1),
        helper.make_node("Where", ["mutual", "best1", "no_match"], [matches_name]),
        helper.make_node("ReduceMax", ["similarity"], ["best_similarity"], axes=[1], keepdims=0),
        scalar("zero_f32", TensorProto.FLOAT, 0.0),
        helper.make_node("Where", ["mutual", "best_similarity", "zero_f32"], ["mscores0"]),
    ]
    if matches_name != "matches0":
        nodes.append(helper.make_node("Cast", [matches_name], ["matches0"], to=matches_type))
    # Constants must come before their users in a valid graph.
    order = ["axis0", "zero_index", "zero_i64", "one_i64", "no_match", "zero_f32"]
    constants = [node for name in order for node in nodes if node.output[0] == name]
    rest = [node for node in nodes if node not in constants]
    inputs = [
        tensor("kpts0", TensorProto.FLOAT, [1, n0, 2]), tensor("kpts1", TensorProto.FLOAT, [1, n1, 2]),
        tensor("desc0", TensorProto.FLOAT, [1, n0, 128]), tensor("desc1", TensorProto.FLOAT, [1, n1, 128]),
        tensor("image_size0", TensorProto.FLOAT, [1, 2]), tensor("image_size1", TensorProto.FLOAT, [1, 2]),
        tensor("scales0", TensorProto.FLOAT, [1, n0]), tensor("scales1", TensorProto.FLOAT, [1, n1]),
        tensor("oris0", TensorProto.FLOAT, [1, n0]), tensor("oris1", TensorProto.FLOAT, [1, n1]),
    ]
    outputs = [tensor("matches0", matches_type, [n0]), tensor("mscores0", TensorProto.FLOAT, [n0])]
    graph = helper.make_graph(constants + rest, "lightglue", inputs, outputs)
    config = {"max_batch_size": 0,
              "inputs": [("kpts0", TensorProto.FLOAT, [1, -1, 2]), ("kpts1", TensorProto.FLOAT, [1, -1, 2]),
                         ("desc0", TensorProto.FLOAT, [1, -1, 128]), ("desc1", TensorProto.FLOAT, [1, -1, 128]),
                         ("image_size0", TensorProto.FLOAT, [1, 2]), ("image_size1", TensorProto.FLOAT, [1, 2]),
                         ("scales0", TensorProto.FLOAT, [1, -1]), ("scales1", TensorProto.FLOAT, [1, -1]),
                         ("oris0", TensorProto.FLOAT, [1, -1]), ("oris1", TensorProto.FLOAT, [1, -1])],
              "outputs": [("matches0", matches_type, [-1]), ("mscores0", TensorProto.FLOAT, [-1])]}
    return model(graph), config


def lightglue_fp32():
    """lightglue with matches0 as FLOAT, as some exports of SIFT-LightGlue emit it."""
    return lightglue(TensorProto.FLOAT)


def cotracker():
    """Every query stays where it is in every frame and is always visible.

    One clip per request like the served model (max_batch_size 0, video UINT8)."""
    batch, frames, height, width, queries = 1, "frames", "height", "width", "num_queries"
    nodes = [
        const_i64("two_dim", [2]),
        const_i64("start_xy", [1]),
        const_i64("end_xy", [3]),
        const_i64("axis0", [0]),
        const_i64("axis1", [1]),
        const_i64("axis2", [2]),
        helper.make_node("Slice", ["queries", "start_xy", "end_xy", "axis2"], ["query_xy"]),   # [B,N,2]
        helper.make_node("Unsqueeze", ["query_xy", "axis1"], ["query_xy_1"]),                 # [B,1,N,2]
        helper.make_node("Shape", ["video"], ["video_shape"]),
        helper.make_node("Slice", ["video_shape", "axis0", "axis2", "axis0"], ["batch_frames"]),  # [B,T]
        helper.make_node("Shape", ["queries"], ["query_shape"]),
        helper.make_node("Slice", ["query_shape", "axis1", "axis2", "axis0"], ["query_count"]),  # [N]
        helper.make_node("Concat", ["batch_frames", "query_count", "two_dim"], ["tracks_shape"], axis=0),
        helper.make_node("Expand", ["query_xy_1", "tracks_shape"], ["tracks"]),               # [B,T,N,2]
        helper.make_node("Concat", ["batch_frames", "query_count"], ["visibility_shape"], axis=0),
        scalar("visible", TensorProto.FLOAT, 1.0),
        helper.make_node("Expand", ["visible", "visibility_shape"], ["visibility"]),         # [B,T,N]
    ]
    constants = [node for node in nodes if node.op_type == "Constant"]
    rest = [node for node in nodes if node.op_type != "Constant"]
    inputs = [tensor("video", TensorProto.UINT8, [batch, frames, 3, height, width]),
              tensor("queries", TensorProto.FLOAT, [batch, queries, 3])]
    outputs = [tensor("tracks", TensorProto.FLOAT, [batch, frames, queries, 2]),
               tensor("visibility", TensorProto.FLOAT, [batch, frames, queries])]
    graph = helper.make_graph(constants + rest, "cotracker", inputs, outputs)
    config = {"max_batch_size": 0,
              "inputs": [("video", TensorProto.UINT8, [1, -1, 3, -1, -1]), ("queries", TensorProto.FLOAT, [1, -1, 3])],
              "outputs": [("tracks", TensorProto.FLOAT, [1, -1, -1, 2]), ("visibility", TensorProto.FLOAT, [1, -1, -1])]}
    return model(graph), config


ANIDOC_FRAMES, ANIDOC_HEIGHT, ANIDOC_WIDTH = 3, 64, 96
ANIDOC_SKETCH_THRESHOLD = 200


def anidoc():
    """Each frame shows the reference's colors where its sketch is paper and black on its lines.

    The clip size is fixed, as a checkpoint fixes it, and declared by the parameters frames, height
    and width that clients read; the point maps are accepted and unused."""
    t, h, w = ANIDOC_FRAMES, ANIDOC_HEIGHT, ANIDOC_WIDTH
    nodes = [
        const_i64("axis1", [1]),
        helper.make_node("Constant", [], ["threshold"], value=helper.make_tensor(
            "threshold_value", TensorProto.UINT8, [], [ANIDOC_SKETCH_THRESHOLD])),
        helper.make_node("Constant", [], ["black"], value=helper.make_tensor(
            "black_value", TensorProto.UINT8, [], [0])),
        helper.make_node("Greater", ["sketches", "threshold"], ["paper"]),                 # [1,T,1,H,W]
        helper.make_node("Unsqueeze", ["reference", "axis1"], ["reference_1"]),           # [1,1,3,H,W]
        helper.make_node("Where", ["paper", "reference_1", "black"], ["frames"]),          # [1,T,3,H,W]
    ]
    inputs = [tensor("reference", TensorProto.UINT8, [1, 3, h, w]),
              tensor("sketches", TensorProto.UINT8, [1, t, 1, h, w]),
              tensor("ref_points", TensorProto.INT32, [1, h, w]),
              tensor("frame_points", TensorProto.INT32, [1, t, h, w])]
    outputs = [tensor("frames", TensorProto.UINT8, [1, t, 3, h, w])]
    graph = helper.make_graph(nodes, "anidoc", inputs, outputs)
    # The graph fixes the clip size, so the configuration declares it too: a server refuses a
    # configuration that widens a dimension its model fixes, as Triton does.
    config = {"max_batch_size": 0,
              "inputs": [("reference", TensorProto.UINT8, [1, 3, h, w]),
                         ("sketches", TensorProto.UINT8, [1, t, 1, h, w]),
                         ("ref_points", TensorProto.INT32, [1, h, w]),
                         ("frame_points", TensorProto.INT32, [1, t, h, w])],
              "outputs": [("frames", TensorProto.UINT8, [1, t, 3, h, w])],
              "parameters": [("frames", t), ("height", h), ("width", w), ("max_candidates", 50), ("max_points", 10),
                             # its clips are 3 frames: a point seen in two that moves is kept
                             ("point_min_visible_frames", 1), ("point_min_motion", 0),
                             ("sketch_threshold", ANIDOC_SKETCH_THRESHOLD)]}
    return model(graph), config


def config_text(name, config):
    def block(kind, entries):
        lines = []
        for index, (tensor_name, elem, dims) in enumerate(entries):
            closing = "}," if index < len(entries) - 1 else "}"
            lines.append("  {")
            lines.append('    name: "%s"' % tensor_name)
            lines.append("    data_type: %s" % KSERVE_TO_CONFIG[elem])
            lines.append("    dims: [ %s ]" % ", ".join(str(d) for d in dims))
            lines.append("  " + closing)
        return "%s [\n%s\n]\n" % (kind, "\n".join(lines))

    parameters = "".join('parameters: { key: "%s", value: { string_value: "%s" } }\n' % (key, value)
                         for key, value in config.get("parameters", []))
    return ('# Generated by triton-models/tools/make_test_models.py; do not edit by hand.\n'
            'name: "%s"\nbackend: "onnxruntime"\nmax_batch_size: %d\n%s%s'
            'instance_group [ { count: 1, kind: KIND_CPU } ]\n%s'
            % (name, config["max_batch_size"], block("input", config["inputs"]),
               block("output", config["outputs"]), parameters))


BUILDERS = {"add_sub": add_sub, "dtypes": dtypes, "lightglue": lightglue, "lightglue_fp32": lightglue_fp32,
            "cotracker": cotracker, "anidoc": anidoc}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.normpath(os.path.join(here, "..", "..", "runtime", "src", "test", "resources", "models"))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=default_out, help="model repository to write (default: %(default)s)")
    parser.add_argument("models", nargs="*", help="models to build, of %s (default: all)" % ", ".join(sorted(BUILDERS)))
    args = parser.parse_args()
    unknown = [name for name in args.models if name not in BUILDERS]
    if unknown:
        parser.error("unknown model(s) %s; choose from %s" % (", ".join(unknown), ", ".join(sorted(BUILDERS))))
    for name in args.models or sorted(BUILDERS):
        built, config = BUILDERS[name]()
        version_dir = os.path.join(args.out, name, "1")
        os.makedirs(version_dir, exist_ok=True)
        model_path = os.path.join(version_dir, "model.onnx")
        with open(model_path, "wb") as f:
            f.write(built.SerializeToString())
        with open(os.path.join(args.out, name, "config.pbtxt"), "w") as f:
            f.write(config_text(name, config))
        print("%-14s %6d bytes  %s" % (name, os.path.getsize(model_path), model_path))


if __name__ == "__main__":
    main()
