// Just enough of the ONNX protobuf to calibrate: read a model's graph inputs, node outputs and initializers,
// and add graph outputs so ONNX Runtime returns intermediate activations.
//
// The schema is onnx-schema.ts (a subset of onnx.proto). Outputs are added without re-encoding the model:
// protobuf merges a repeated occurrence of an embedded message field, so appending
// `ModelProto { graph { output: [...] } }` to the original bytes gives the same model with more outputs,
// every other byte untouched.
import { ModelProto, ONNX_DTYPE } from "./onnx-schema.js";

/** ONNX TensorProto.DataType.FLOAT */
export const ONNX_FLOAT = ONNX_DTYPE.FLOAT;

interface DecodedValueInfo {
  name?: string;
  type?: { tensorType?: { elemType?: number; shape?: { dim?: { dimValue?: number | { toNumber(): number }; dimParam?: string }[] } } };
}
interface DecodedModel {
  graph?: {
    node?: { input?: string[]; output?: string[]; name?: string; opType?: string }[];
    initializer?: { name?: string }[];
    input?: DecodedValueInfo[];
    output?: DecodedValueInfo[];
  };
}

export interface OnnxValueInfo {
  readonly name: string;
  readonly elemType: number | undefined;
  /** A number for a fixed axis, the axis name for a dynamic one ("?" when unnamed). */
  readonly shape: readonly (number | string)[] | undefined;
}

export interface OnnxGraphSummary {
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly initializers: ReadonlySet<string>;
  readonly nodes: readonly { name: string; opType: string; inputs: readonly string[]; outputs: readonly string[] }[];
}

function valueInfo(v: DecodedValueInfo): OnnxValueInfo {
  const t = v.type?.tensorType;
  const shape = t?.shape?.dim?.map((d) => {
    if (d.dimValue !== undefined && d.dimValue !== null) return typeof d.dimValue === "number" ? d.dimValue : d.dimValue.toNumber();
    return d.dimParam ?? "?";
  });
  return { name: v.name ?? "", elemType: t?.elemType, shape };
}

export function readOnnxGraph(bytes: Uint8Array): OnnxGraphSummary {
  const model = ModelProto.toObject(ModelProto.decode(bytes), { defaults: false }) as DecodedModel;
  const g = model.graph;
  if (g === undefined) throw new Error("not an ONNX model: no graph (field 7) in the file");
  const initializers = new Set((g.initializer ?? []).map((t) => t.name ?? ""));
  return {
    inputs: (g.input ?? []).map(valueInfo).filter((v) => !initializers.has(v.name)),
    outputs: (g.output ?? []).map(valueInfo),
    initializers,
    nodes: (g.node ?? []).map((n) => ({ name: n.name ?? "", opType: n.opType ?? "", inputs: n.input ?? [], outputs: n.output ?? [] })),
  };
}

// Ops whose outputs are never activations worth quantising (weights, shapes, indices).
const NON_ACTIVATION_OPS = new Set(["Constant", "ConstantOfShape", "Shape", "Size", "NonZero", "ArgMax", "ArgMin", "TopK"]);

/** Tensors to calibrate: float graph inputs and every node output except weights, shapes and indices. */
export function activationCandidates(graph: OnnxGraphSummary): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (n: string) => {
    if (n !== "" && !seen.has(n) && !graph.initializers.has(n)) {
      seen.add(n);
      names.push(n);
    }
  };
  for (const i of graph.inputs) if (i.elemType === ONNX_FLOAT) add(i.name);
  for (const node of graph.nodes) if (!NON_ACTIVATION_OPS.has(node.opType)) node.outputs.forEach(add);
  return names;
}

/** The model bytes with `names` added as graph outputs (no type given: ONNX Runtime infers it). */
export function withExtraOutputs(bytes: Uint8Array, names: readonly string[]): Uint8Array {
  if (names.length === 0) return bytes;
  const extra = ModelProto.encode(ModelProto.fromObject({ graph: { output: names.map((name) => ({ name })) } })).finish();
  const out = new Uint8Array(bytes.length + extra.length);
  out.set(bytes, 0);
  out.set(extra, bytes.length);
  return out;
}
