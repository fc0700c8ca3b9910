// The ONNX Runtime backend: one session per model file, created once and reused for every run.
// Feeds are wrapped in ort.Tensor over the caller's typed array (no copy); outputs come back as the typed
// arrays ONNX Runtime filled, also without a copy.

import * as ort from "onnxruntime-node";
import type { AnyTypedArray, DType, Engine, Tensor, TensorInfo } from "./engine.js";
import { openSession, type SessionOptions } from "./onnxruntime-session.js";
import { checkFeeds } from "./tensor-check.js";

export type OnnxRuntimeOptions = SessionOptions;

const DTYPES: ReadonlySet<string> = new Set<DType>(["float32", "float16", "int8", "uint8", "int32", "int64", "bool"]);

export class OnnxRuntimeEngine implements Engine {
  readonly backend = "onnxruntime" as const;
  private disposed = false;

  private constructor(
    readonly file: string,
    private readonly session: ort.InferenceSession,
    readonly inputs: readonly TensorInfo[],
    readonly outputs: readonly TensorInfo[],
    /** The execution provider the session runs on. */
    readonly provider: string,
    /** What happened while choosing providers (dropped ones and why). */
    readonly notes: readonly string[],
  ) {}

  static async create(file: string, opts: OnnxRuntimeOptions = {}): Promise<OnnxRuntimeEngine> {
    const { session, provider, notes } = await openSession(file, opts);
    const inputs = session.inputMetadata.map((m) => tensorInfo(file, m));
    const outputs = session.outputMetadata.map((m) => tensorInfo(file, m));
    return new OnnxRuntimeEngine(file, session, inputs, outputs, provider, notes);
  }

  async run(feeds: Readonly<Record<string, Tensor>>): Promise<Record<string, Tensor>> {
    if (this.disposed) throw new Error(`engine for ${this.file} was disposed`);
    checkFeeds(this.inputs, feeds);
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = toOrt(t);
    const results = await this.session.run(ortFeeds);
    const out: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(results)) {
      out[name] = { dtype: t.type as DType, shape: t.dims, data: t.data as AnyTypedArray };
    }
    return out;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.session.release();
  }
}

function toOrt(t: Tensor): ort.Tensor {
  // ort.Tensor's overloads pair each dtype literal with its array type; our Tensor was checked to pair them
  // the same way (checkFeeds), which TypeScript cannot see through the union, hence the cast.
  return new ort.Tensor(t.dtype as "float32", t.data as Float32Array, t.shape);
}

function tensorInfo(file: string, m: ort.InferenceSession.ValueMetadata): TensorInfo {
  if (!m.isTensor) throw new Error(`${file}: "${m.name}" is not a tensor; Reflex engines take and give tensors only`);
  if (!DTYPES.has(m.type)) {
    throw new Error(`${file}: tensor "${m.name}" has dtype ${m.type}; Reflex engines support ${[...DTYPES].join(", ")}`);
  }
  return { name: m.name, dtype: m.type as DType, shape: [...m.shape] };
}
