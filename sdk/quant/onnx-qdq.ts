// Inserts QuantizeLinear/DequantizeLinear pairs with calibrated scales into an ONNX model: the explicit-
// quantization form ONNX Runtime's INT8 path and TensorRT's explicit-quantization builder read.
//
// For each calibrated activation x consumed by a target op (MatMul, Gemm, Conv by default): initializers
// x/scale (float32 scalar, amax/127) and x/zero_point (int8 0: symmetric), nodes QuantizeLinear(x) ->
// DequantizeLinear -> x/dq placed right after x's producer, and the target ops read x/dq instead of x.
// Other readers of x (and the graph outputs) keep the float tensor. Weights are left in float.
//
// The model is rewritten at the protobuf wire level: every field of the model and graph is copied byte for
// byte except the graph's node list (nodes are decoded with their attributes kept as raw bytes, so nothing
// onnx-schema.ts does not name is lost) and the new initializers, which are appended.
import protobuf from "protobufjs";

import { GRAPH_FIELD, MODEL_FIELD, NodeProto, ONNX_DTYPE, TENSOR_FIELD } from "./onnx-schema.js";

interface Node {
  input: string[];
  output: string[];
  name?: string;
  opType?: string;
}

export const DEFAULT_QDQ_OPS: readonly string[] = ["MatMul", "Gemm", "Conv"];

export interface QdqResult {
  readonly bytes: Uint8Array;
  /** Activations that got a Q/DQ pair. */
  readonly quantized: readonly string[];
  /** Calibrated activations left in float, with why. */
  readonly skipped: readonly { name: string; why: string }[];
}

interface Field {
  readonly field: number;
  readonly raw: Uint8Array; // tag + payload, as in the file
  readonly payload: Uint8Array | undefined; // for length-delimited fields
}

function fields(bytes: Uint8Array): Field[] {
  const r = protobuf.Reader.create(bytes);
  const out: Field[] = [];
  while (r.pos < r.len) {
    const start = r.pos;
    const tag = r.uint32();
    const wire = tag & 7;
    let payload: Uint8Array | undefined;
    if (wire === 2) {
      const len = r.uint32();
      payload = bytes.subarray(r.pos, r.pos + len);
      r.skip(len);
    } else {
      r.skipType(wire);
    }
    out.push({ field: tag >>> 3, raw: bytes.subarray(start, r.pos), payload });
  }
  return out;
}

function lengthDelimited(field: number, payload: Uint8Array): Uint8Array {
  return protobuf.Writer.create().uint32((field << 3) | 2).bytes(payload).finish();
}

function scalarInitializer(name: string, kind: "float" | "int8", value: number): Uint8Array {
  const w = protobuf.Writer.create();
  if (kind === "float") {
    w.uint32((TENSOR_FIELD.dataType << 3) | 0).int32(ONNX_DTYPE.FLOAT);
    w.uint32((TENSOR_FIELD.floatData << 3) | 2).fork().float(value).ldelim(); // packed
  } else {
    w.uint32((TENSOR_FIELD.dataType << 3) | 0).int32(ONNX_DTYPE.INT8);
    w.uint32((TENSOR_FIELD.int32Data << 3) | 2).fork().int32(value).ldelim(); // packed
  }
  w.uint32((TENSOR_FIELD.name << 3) | 2).string(name);
  return w.finish();
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** `scales`: symmetric INT8 scale (amax / 127) per activation name, e.g. from a calibration cache. */
export function insertQdq(model: Uint8Array, scales: ReadonlyMap<string, number>, ops: readonly string[] = DEFAULT_QDQ_OPS): QdqResult {
  const top = fields(model);
  const graphFields = top.filter((f) => f.field === MODEL_FIELD.graph);
  if (graphFields.length !== 1 || graphFields[0]?.payload === undefined) {
    throw new Error(`ONNX model: expected one graph (field 7), found ${graphFields.length}`);
  }
  const graph = fields(graphFields[0].payload);
  const nodes = graph.filter((f) => f.field === GRAPH_FIELD.node).map((f) => NodeProto.decode(f.payload as Uint8Array) as unknown as Node);

  const targets = new Set(ops);
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => n.output.forEach((o) => producer.set(o, i)));
  const consumedByTarget = new Set<string>();
  for (const n of nodes) if (targets.has(n.opType ?? "")) n.input.forEach((x) => consumedByTarget.add(x));

  const quantized: string[] = [];
  const skipped: { name: string; why: string }[] = [];
  const after = new Map<number, Node[]>(); // producer index (-1: graph input) -> Q/DQ nodes to place after it
  const initializers: Uint8Array[] = [];
  for (const [name, scale] of scales) {
    if (!consumedByTarget.has(name)) continue;
    if (!(scale > 0) || !Number.isFinite(scale)) {
      skipped.push({ name, why: `scale ${scale} (an all-zero or non-finite activation) cannot quantize` });
      continue;
    }
    const s = `${name}/qdq_scale`;
    const z = `${name}/qdq_zero_point`;
    const q = `${name}/quantized`;
    const dq = `${name}/dq`;
    initializers.push(scalarInitializer(s, "float", scale), scalarInitializer(z, "int8", 0));
    const at = producer.get(name) ?? -1;
    const list = after.get(at) ?? [];
    list.push(
      { input: [name, s, z], output: [q], name: `${name}/QuantizeLinear`, opType: "QuantizeLinear" },
      { input: [q, s, z], output: [dq], name: `${name}/DequantizeLinear`, opType: "DequantizeLinear" },
    );
    after.set(at, list);
    for (const n of nodes) if (targets.has(n.opType ?? "")) n.input = n.input.map((x) => (x === name ? dq : x));
    quantized.push(name);
  }

  const ordered: Node[] = [...(after.get(-1) ?? [])];
  nodes.forEach((n, i) => ordered.push(n, ...(after.get(i) ?? [])));
  const nodeBytes = ordered.map((n) => lengthDelimited(GRAPH_FIELD.node, NodeProto.encode(NodeProto.fromObject(n)).finish()));

  // Graph: every field as it was, the node list replaced where it began, the new initializers at the end.
  const graphParts: Uint8Array[] = [];
  let nodesPlaced = false;
  for (const f of graph) {
    if (f.field === GRAPH_FIELD.node) {
      if (!nodesPlaced) graphParts.push(...nodeBytes);
      nodesPlaced = true;
    } else {
      graphParts.push(f.raw);
    }
  }
  if (!nodesPlaced) graphParts.push(...nodeBytes);
  for (const t of initializers) graphParts.push(lengthDelimited(GRAPH_FIELD.initializer, t));
  const newGraph = lengthDelimited(MODEL_FIELD.graph, concat(graphParts));
  const bytes = concat(top.map((f) => (f.field === MODEL_FIELD.graph ? newGraph : f.raw)));
  return { bytes, quantized, skipped };
}
