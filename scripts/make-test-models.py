#!/usr/bin/python3
"""Writes small random-weight ONNX models that follow the tiny-vla model contract, for engine tests.

    /usr/bin/python3 scripts/make-test-models.py [out_dir]   (default test/fixtures/engine/tiny-random)

Needs Debian's python3-onnx and numpy (apt-get install -y python3-onnx), nothing else. Seeded, so the
files (and the sha256 in model.yaml) come out byte-identical on every run. The weights are random: the
models exercise shapes, dtypes, dynamic axes and the tick pipeline, not behaviour.

Contract (same as models/tiny-vla/):
  vision.onnx        patches f32 [1,"patches",PD], patch_index i64 [1,"patches"], instruction i64 [1]
                     -> tokens f32 [1,"patches",D], relevance f32 [1,"patches"]   (patch-local)
  backbone.onnx      instruction i64 [1], vision_tokens f32 [1,"tokens",D], proprio f32 [1,S] -> cond [1,C]
  head.onnx          x_t f32 [1,H,A], t f32 [1], cond f32 [1,C] -> velocity f32 [1,H,A]
  head_onestep.onnx  noise f32 [1,H,A], cond f32 [1,C] -> actions f32 [1,H,A]
"""
import hashlib
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

# Small on purpose: 32x32 RGB image, 8x8 patches -> 4x4 grid of 16 patches of 192 values.
WIDTH, HEIGHT, PATCH = 32, 32, 8
ROWS, COLS = HEIGHT // PATCH, WIDTH // PATCH
P = ROWS * COLS
PD = PATCH * PATCH * 3
D, C, S, H, A = 16, 32, 3, 4, 2
VOCAB = ["red", "green", "blue"]
OPSET = 17

rng = np.random.RandomState(1234)


def weight(name, *shape, scale=None):
    fan_in = shape[0] if len(shape) > 1 else 1
    s = scale if scale is not None else 1.0 / np.sqrt(fan_in)
    return numpy_helper.from_array((rng.randn(*shape) * s).astype(np.float32), name)


def const_i64(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def save(model_graph, path):
    model = helper.make_model(model_graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="reflex-test")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


def vision():
    n = helper.make_node
    nodes = [
        n("MatMul", ["patches", "W_patch"], ["proj"]),                      # [1,p,D]
        n("Gather", ["pos_emb", "patch_index"], ["pos"], axis=0),            # [1,p,D]
        n("Gather", ["instr_emb", "instruction"], ["instr"], axis=0),        # [1,D]
        n("Unsqueeze", ["instr", "axis1"], ["instr3"]),                      # [1,1,D]
        n("Add", ["proj", "pos"], ["h0"]),
        n("Add", ["h0", "instr3"], ["h1"]),
        n("Tanh", ["h1"], ["tokens"]),
        n("Gather", ["query_emb", "instruction"], ["query"], axis=0),        # [1,D]
        n("Unsqueeze", ["query", "axis1"], ["query3"]),                      # [1,1,D]
        n("Mul", ["tokens", "query3"], ["scored"]),
        n("ReduceSum", ["scored", "axis2"], ["relevance"], keepdims=0),      # [1,p]
    ]
    inits = [weight("W_patch", PD, D), weight("pos_emb", P, D, scale=0.5), weight("instr_emb", len(VOCAB), D, scale=0.5),
             weight("query_emb", len(VOCAB), D, scale=1.0), const_i64("axis1", [1]), const_i64("axis2", [2])]
    g = helper.make_graph(
        nodes, "vision",
        [helper.make_tensor_value_info("patches", TensorProto.FLOAT, [1, "patches", PD]),
         helper.make_tensor_value_info("patch_index", TensorProto.INT64, [1, "patches"]),
         helper.make_tensor_value_info("instruction", TensorProto.INT64, [1])],
        [helper.make_tensor_value_info("tokens", TensorProto.FLOAT, [1, "patches", D]),
         helper.make_tensor_value_info("relevance", TensorProto.FLOAT, [1, "patches"])],
        inits)
    return g


def backbone():
    # Attention pooling of the tokens by an instruction query, then an MLP over [pooled, instr, proprio].
    n = helper.make_node
    nodes = [
        n("Gather", ["instr_emb", "instruction"], ["instr"], axis=0),        # [1,D]
        n("Gather", ["query_emb", "instruction"], ["query"], axis=0),        # [1,D]
        n("Unsqueeze", ["query", "axis2"], ["query_col"]),                   # [1,D,1]
        n("MatMul", ["vision_tokens", "query_col"], ["scores3"]),            # [1,T,1]
        n("Softmax", ["scores3"], ["attn"], axis=1),
        n("Mul", ["vision_tokens", "attn"], ["weighted"]),                   # [1,T,D]
        n("ReduceSum", ["weighted", "axis1"], ["pooled"], keepdims=0),       # [1,D]
        n("MatMul", ["proprio", "W_prop"], ["prop"]),                        # [1,D]
        n("Concat", ["pooled", "instr", "prop"], ["feat"], axis=1),          # [1,3D]
        n("MatMul", ["feat", "W1"], ["h1"]),
        n("Add", ["h1", "b1"], ["h1b"]),
        n("Tanh", ["h1b"], ["h1t"]),
        n("MatMul", ["h1t", "W2"], ["cond"]),                                # [1,C]
    ]
    inits = [weight("instr_emb", len(VOCAB), D, scale=0.5), weight("query_emb", len(VOCAB), D), weight("W_prop", S, D),
             weight("W1", 3 * D, C), weight("b1", C, scale=0.1), weight("W2", C, C), const_i64("axis1", [1]),
             const_i64("axis2", [2])]
    return helper.make_graph(
        nodes, "backbone",
        [helper.make_tensor_value_info("instruction", TensorProto.INT64, [1]),
         helper.make_tensor_value_info("vision_tokens", TensorProto.FLOAT, [1, "tokens", D]),
         helper.make_tensor_value_info("proprio", TensorProto.FLOAT, [1, S])],
        [helper.make_tensor_value_info("cond", TensorProto.FLOAT, [1, C])],
        inits)


def head():
    n = helper.make_node
    nodes = [
        n("Reshape", ["x_t", "flat_shape"], ["x_flat"]),                     # [1,H*A]
        n("Unsqueeze", ["t", "axis0"], ["t2"]),                              # [1,1]
        n("Concat", ["x_flat", "t2", "cond"], ["feat"], axis=1),
        n("MatMul", ["feat", "W1"], ["h1"]),
        n("Tanh", ["h1"], ["h1t"]),
        n("MatMul", ["h1t", "W2"], ["v_flat"]),
        n("Reshape", ["v_flat", "out_shape"], ["velocity"]),
    ]
    inits = [weight("W1", H * A + 1 + C, 64), weight("W2", 64, H * A), const_i64("flat_shape", [1, H * A]),
             const_i64("out_shape", [1, H, A]), const_i64("axis0", [0])]
    return helper.make_graph(
        nodes, "head",
        [helper.make_tensor_value_info("x_t", TensorProto.FLOAT, [1, H, A]),
         helper.make_tensor_value_info("t", TensorProto.FLOAT, [1]),
         helper.make_tensor_value_info("cond", TensorProto.FLOAT, [1, C])],
        [helper.make_tensor_value_info("velocity", TensorProto.FLOAT, [1, H, A])],
        inits)


def head_onestep():
    n = helper.make_node
    nodes = [
        n("Reshape", ["noise", "flat_shape"], ["z"]),
        n("Concat", ["z", "cond"], ["feat"], axis=1),
        n("MatMul", ["feat", "W1"], ["h1"]),
        n("Tanh", ["h1"], ["h1t"]),
        n("MatMul", ["h1t", "W2"], ["a_flat"]),
        n("Reshape", ["a_flat", "out_shape"], ["actions"]),
    ]
    inits = [weight("W1", H * A + C, 64), weight("W2", 64, H * A), const_i64("flat_shape", [1, H * A]),
             const_i64("out_shape", [1, H, A])]
    return helper.make_graph(
        nodes, "head_onestep",
        [helper.make_tensor_value_info("noise", TensorProto.FLOAT, [1, H, A]),
         helper.make_tensor_value_info("cond", TensorProto.FLOAT, [1, C])],
        [helper.make_tensor_value_info("actions", TensorProto.FLOAT, [1, H, A])],
        inits)


def tensor_yaml(name, dtype, shape):
    return f"      - {{ name: {name}, dtype: {dtype}, shape: {json.dumps(shape)} }}"


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join("test", "fixtures", "engine", "tiny-random")
    os.makedirs(out, exist_ok=True)
    for name, g in [("vision", vision()), ("backbone", backbone()), ("head", head()), ("head_onestep", head_onestep())]:
        save(g, os.path.join(out, f"{name}.onnx"))

    stages = {
        "vision": ([("patches", "float32", [1, "patches", PD]), ("patch_index", "int64", [1, "patches"]),
                    ("instruction", "int64", [1])],
                   [("tokens", "float32", [1, "patches", D]), ("relevance", "float32", [1, "patches"])],
                   {"per_patch": 2 * PD * D + 4 * D}),
        "backbone": ([("instruction", "int64", [1]), ("vision_tokens", "float32", [1, "tokens", D]),
                      ("proprio", "float32", [1, S])],
                     [("cond", "float32", [1, C])],
                     {"fixed": 2 * (S * D + 3 * D * C + C * C), "per_token": 6 * D}),
        "head": ([("x_t", "float32", [1, H, A]), ("t", "float32", [1]), ("cond", "float32", [1, C])],
                 [("velocity", "float32", [1, H, A])],
                 {"per_call": 2 * ((H * A + 1 + C) * 64 + 64 * H * A)}),
        "head_onestep": ([("noise", "float32", [1, H, A]), ("cond", "float32", [1, C])],
                         [("actions", "float32", [1, H, A])],
                         {"per_call": 2 * ((H * A + C) * 64 + 64 * H * A)}),
    }
    lines = [
        "# Random-weight test model following the tiny-vla contract. Generated by scripts/make-test-models.py;",
        "# do not edit by hand (the sha256 values must match the files).",
        "name: tiny-random",
        "version: 0.0.1",
        "description: random weights, for engine and pipeline tests only",
        "created_by: scripts/make-test-models.py",
        "image:",
        f"  width: {WIDTH}",
        f"  height: {HEIGHT}",
        "  channels: 3",
        "  encoding: rgb8",
        f"  patch: {PATCH}",
        f"  grid: [{ROWS}, {COLS}]",
        "  mean: [0.5, 0.5, 0.5]",
        "  std: [0.25, 0.25, 0.25]",
        "tokens:",
        f"  count: {P}",
        f"  dim: {D}",
        f"  patch_dim: {PD}",
        "instruction:",
        f"  vocab: [{', '.join(VOCAB)}]",
        "proprio:",
        f"  dim: {S}",
        "  mean: [0.0, 0.1, -0.1]",
        "  std: [1.0, 0.5, 2.0]",
        "action:",
        f"  horizon: {H}",
        f"  dim: {A}",
        "  step_ms: 50",
        "  mean: [0.0, 0.5]",
        "  std: [0.1, 0.2]",
        "sampler:",
        "  type: flow-euler",
        "  default_steps: 8",
        "stages:",
    ]
    for stage, (ins, outs, flops) in stages.items():
        lines.append(f"  {stage}:")
        lines.append(f"    file: {stage}.onnx")
        lines.append(f"    sha256: {sha256(os.path.join(out, stage + '.onnx'))}")
        lines.append("    inputs:")
        lines.extend(tensor_yaml(*t) for t in ins)
        lines.append("    outputs:")
        lines.extend(tensor_yaml(*t) for t in outs)
        lines.append(f"    flops: {{ {', '.join(f'{k}: {v}' for k, v in flops.items())} }}")
    with open(os.path.join(out, "model.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {out}: " + ", ".join(sorted(os.listdir(out))))


if __name__ == "__main__":
    main()
