// The TensorRT backend: a serialized engine file run through the native addon (native/src/trt), behind the
// same Engine interface as ONNX Runtime. Built only where TensorRT exists (Jetson); elsewhere
// tensorRtAvailable() is false and createTensorRtEngine() rejects with what is missing and how to fix it.
//
// A run: feeds are checked (ShapeError), input shapes set (prepare -> output shapes), output arrays allocated,
// then the addon copies inputs in, runs enqueueV3 (or replays a CUDA graph captured for this input-shape set),
// copies outputs into the arrays and resolves, all on a worker thread. Runs on one engine are serialised.
//
// Compiled against TensorRT 10.3.0 and 10.16 headers (scripts/tensorrt-compile-check.mjs); not yet run on a device.
import { loadNative, type NativeAddon, type NativeTensorRt, type NativeTrtEngine, type NativeTypedArray } from "../native/addon.js";
import type { AnyTypedArray, DType, Engine, Tensor, TensorInfo } from "./engine.js";
import { checkFeeds } from "./tensor-check.js";

export interface TensorRtEngineOptions {
  readonly log?: (line: string) => void;
  /** Capture and replay a CUDA graph per input-shape set where the engine allows it. Default true. */
  readonly cudaGraphs?: boolean;
  /** The addon to use; tests pass a fake one because TensorRT cannot run on the development machines. */
  readonly addon?: NativeAddon;
}

const DTYPES: readonly DType[] = ["float32", "float16", "int8", "uint8", "int32", "int64", "bool"];

function allocate(dtype: DType, n: number): AnyTypedArray {
  switch (dtype) {
    case "float32":
      return new Float32Array(n);
    case "float16":
      return new Uint16Array(n);
    case "int8":
      return new Int8Array(n);
    case "uint8":
    case "bool":
      return new Uint8Array(n);
    case "int32":
      return new Int32Array(n);
    case "int64":
      return new BigInt64Array(n);
  }
}

/** Why the TensorRT backend cannot be used here, or undefined when it can. */
export function tensorRtUnavailableReason(addon?: NativeAddon): string | undefined {
  let native: NativeAddon;
  try {
    native = addon ?? loadNative();
  } catch (err) {
    return (err as Error).message;
  }
  if (!native.tensorrt.built) {
    return `the native addon was built without TensorRT (${native.buildInfo.tensorrt.reason}); on Jetson install TensorRT (JetPack 6) or set TENSORRT_ROOT, then rebuild: node scripts/build-native.mjs`;
  }
  return undefined;
}

export function tensorRtAvailable(): boolean {
  return tensorRtUnavailableReason() === undefined;
}

export class TensorRtEngine implements Engine {
  readonly backend = "tensorrt" as const;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly native: NativeTrtEngine,
    readonly file: string,
    private readonly log: (line: string) => void,
  ) {
    const io = native.io();
    const info = (t: (typeof io)[number]): TensorInfo => {
      if (!DTYPES.includes(t.dtype as DType)) throw new Error(`${file}: tensor "${t.name}" has dtype ${t.dtype}, which Reflex does not carry`);
      return { name: t.name, dtype: t.dtype as DType, shape: t.shape.map((d, i) => (d < 0 ? `${t.name}_dim${i}` : d)) };
    };
    this.inputs = io.filter((t) => t.isInput).map(info);
    this.outputs = io.filter((t) => !t.isInput).map(info);
  }

  run(feeds: Readonly<Record<string, Tensor>>): Promise<Record<string, Tensor>> {
    if (this.disposed) return Promise.reject(new Error(`${this.file}: engine disposed`));
    try {
      checkFeeds(this.inputs, feeds);
    } catch (err) {
      return Promise.reject(err);
    }
    const next = this.queue.then(() => this.runNow(feeds));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(feeds: Readonly<Record<string, Tensor>>): Promise<Record<string, Tensor>> {
    const ordered = this.inputs.map((i) => feeds[i.name] as Tensor);
    const outShapes = this.native.prepare(ordered.map((t) => t.shape));
    const outputs: Record<string, Tensor> = {};
    const outArrays: NativeTypedArray[] = [];
    this.outputs.forEach((info, k) => {
      const shape = outShapes[k] ?? [];
      const data = allocate(info.dtype, shape.reduce((a, b) => a * b, 1));
      outArrays.push(data);
      outputs[info.name] = { dtype: info.dtype, shape, data };
    });
    const report = await this.native.run(
      ordered.map((t) => t.data),
      outArrays,
    );
    if (report.mode === "fallback" && report.fallbackReason) this.log(`${this.file}: CUDA graph not used: ${report.fallbackReason}`);
    return outputs;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.queue;
    this.native.dispose();
  }
}

/** The factory sdk/engine/create-engine.ts looks for. */
export async function createTensorRtEngine(file: string, opts: TensorRtEngineOptions = {}): Promise<Engine> {
  const reason = tensorRtUnavailableReason(opts.addon);
  if (reason !== undefined) throw new Error(`TensorRT backend unavailable for ${file}: ${reason}`);
  const trt = (opts.addon ?? loadNative()).tensorrt as NativeTensorRt;
  const log = opts.log ?? (() => {});
  const native = new trt.TrtEngine(file, opts.cudaGraphs ?? true);
  log(`${file}: TensorRT ${formatTrtVersion(trt.version)}${opts.cudaGraphs === false ? "" : ", CUDA graphs per input shape"}`);
  return new TensorRtEngine(native, file, log);
}

/** 100300 -> "10.3.0" (TensorRT 10 encodes major * 10000 + minor * 100 + patch). */
export function formatTrtVersion(v: number): string {
  return `${Math.floor(v / 10000)}.${Math.floor((v % 10000) / 100)}.${v % 100}`;
}
