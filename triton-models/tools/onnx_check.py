#!/usr/bin/python3
"""Says whether an ONNX model loads on the ONNX Runtime of the Triton image, and what it emits.

Prints the model's IR version, its operator sets and the datatype of each output, with the
`data_type` a Triton configuration must declare for it, and checks the IR version and the default
(ai.onnx) operator set against the most that image's ONNX Runtime loads. Triton 24.05, the image's
base, ships ONNX Runtime 1.18: IR version 10, opset 21 at most.

  /usr/bin/python3 triton-models/tools/onnx_check.py models/lightglue/1/model.onnx
  /usr/bin/python3 triton-models/tools/onnx_check.py model.onnx --max-ir 11 --max-opset 23

Exit status: 0 it loads there, 1 it needs a newer ONNX Runtime (the message says what to raise),
2 the file cannot be read as an ONNX model. Needs the `onnx` package (Debian: python3-onnx).
"""
import argparse
import sys

# What ONNX Runtime 1.18 (Triton 24.05) loads at most.
MAX_IR_VERSION = 10
MAX_OPSET = 21


def describe(path, max_ir=MAX_IR_VERSION, max_opset=MAX_OPSET):
    """(lines to print, problems): the model's versions and outputs, and why it would not load."""
    import onnx

    model = onnx.load(path, load_external_data=False)
    opsets = {(entry.domain or "ai.onnx"): entry.version for entry in model.opset_import}
    lines = ["ir_version %d" % model.ir_version,
             "opsets %s" % ", ".join("%s %d" % item for item in sorted(opsets.items()))]
    for output in model.graph.output:
        elem = onnx.TensorProto.DataType.Name(output.type.tensor_type.elem_type)
        lines.append("output %s %s (config.pbtxt: data_type: %s)" % (output.name, elem, config_type(elem)))
    problems = []
    if model.ir_version > max_ir:
        problems.append("IR version %d is above %d" % (model.ir_version, max_ir))
    if opsets.get("ai.onnx", 0) > max_opset:
        problems.append("opset %d is above %d" % (opsets["ai.onnx"], max_opset))
    return lines, problems


def config_type(elem):
    """A TensorProto element type as Triton's configuration names it."""
    names = {"FLOAT": "TYPE_FP32", "FLOAT16": "TYPE_FP16", "DOUBLE": "TYPE_FP64", "BOOL": "TYPE_BOOL"}
    return names.get(elem, "TYPE_" + elem)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="the .onnx file")
    parser.add_argument("--max-ir", type=int, default=MAX_IR_VERSION,
                        help="highest IR version the target ONNX Runtime loads (default: %(default)s)")
    parser.add_argument("--max-opset", type=int, default=MAX_OPSET,
                        help="highest ai.onnx opset the target ONNX Runtime loads (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        lines, problems = describe(args.model, args.max_ir, args.max_opset)
    except Exception as error:  # onnx raises several types for a missing or broken file
        print("onnx_check: cannot read %s as an ONNX model: %s" % (args.model, error), file=sys.stderr)
        return 2
    print("\n".join(lines))
    if problems:
        print("onnx_check: %s: %s; this ONNX Runtime does not load it. Build the Triton image on a "
              "release whose ONNX Runtime does (docker build --build-arg TRITON_VERSION=<yy.mm>; NVIDIA's "
              "framework support matrix lists the version of each release)" % (args.model, "; ".join(problems)),
              file=sys.stderr)
        return 1
    print("loads on ONNX Runtime with IR version <= %d and opset <= %d" % (args.max_ir, args.max_opset))
    return 0


if __name__ == "__main__":
    sys.exit(main())
