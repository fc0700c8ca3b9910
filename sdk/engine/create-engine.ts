// Picks a backend for a model file. TensorRT lives in the native layer (sdk/engine/tensorrt.ts, built
// only where TensorRT exists); ONNX Runtime runs everywhere. `auto` says which one it took and why.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Backend, BackendChoice, Engine } from "./engine.js";
import { OnnxRuntimeEngine } from "./onnxruntime-engine.js";

export interface CreateEngineOptions {
  readonly backend?: BackendChoice;
  /** ONNX Runtime execution providers in order of preference, e.g. ["cuda", "cpu"]. Default ["cpu"]. */
  readonly providers?: readonly string[];
  /** ONNX Runtime intra-op threads. */
  readonly threads?: number;
  /** Receives one line per decision: the backend chosen and why, providers dropped and why. */
  readonly log?: (line: string) => void;
}

/**
 * What sdk/engine/tensorrt.ts must export for createEngine to use it: a factory, and optionally a probe
 * saying whether TensorRT loads on this machine (absent means "try the factory").
 */
interface TensorRtModule {
  createTensorRtEngine(file: string, opts: { log?: (line: string) => void }): Promise<Engine>;
  tensorRtAvailable?(): boolean;
  /** Why TensorRT cannot run here (addon missing, built without TensorRT), undefined when it can. */
  tensorRtUnavailableReason?(): string | undefined;
}

export const TENSORRT_NOT_BUILT = "TensorRT backend not built on this machine";

export async function createEngine(file: string, opts: CreateEngineOptions = {}): Promise<Engine> {
  const log = opts.log ?? (() => {});
  const choice = opts.backend ?? "auto";
  const backend = await pickBackend(file, choice, log);
  if (backend === "tensorrt") {
    const trt = await loadTensorRt();
    if (!trt) throw new Error(`${TENSORRT_NOT_BUILT}: sdk/engine/tensorrt.ts is absent or exports no createTensorRtEngine; use backend: onnxruntime (or auto)`);
    const why = whyNoTensorRt(trt);
    if (why !== undefined) throw new Error(`${TENSORRT_NOT_BUILT} (${why}); use backend: onnxruntime (or auto) here`);
    return trt.createTensorRtEngine(file, { log });
  }
  const engine = await OnnxRuntimeEngine.create(file, {
    ...(opts.providers ? { providers: opts.providers } : {}),
    ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
  });
  for (const note of engine.notes) log(note);
  log(`${file}: ONNX Runtime on execution provider "${engine.provider}"`);
  return engine;
}

async function pickBackend(file: string, choice: BackendChoice, log: (line: string) => void): Promise<Backend> {
  if (choice !== "auto") return choice;
  // A serialized TensorRT engine is the only thing TensorRT runs here; an .onnx file goes to ONNX Runtime
  // until the native layer builds engines from ONNX.
  const isTrtPlan = /\.(engine|plan|trt)$/i.test(file);
  if (!isTrtPlan) {
    log(`backend auto -> onnxruntime: ${file} is an ONNX file, which ONNX Runtime runs directly`);
    return "onnxruntime";
  }
  const trt = await loadTensorRt();
  const why = trt ? whyNoTensorRt(trt) : "sdk/engine/tensorrt.ts is absent";
  if (why === undefined) {
    log(`backend auto -> tensorrt: ${file} is a TensorRT engine and the TensorRT backend is built`);
    return "tensorrt";
  }
  throw new Error(`${file} is a TensorRT engine file, but: ${TENSORRT_NOT_BUILT} (${why}); point the model at its .onnx file instead`);
}

function whyNoTensorRt(trt: TensorRtModule): string | undefined {
  return trt.tensorRtUnavailableReason?.() ?? (trt.tensorRtAvailable?.() === false ? "the native layer reports TensorRT absent" : undefined);
}

async function loadTensorRt(): Promise<TensorRtModule | undefined> {
  const here = new URL(".", import.meta.url);
  const present = ["tensorrt.ts", "tensorrt.js"].some((f) => existsSync(fileURLToPath(new URL(f, here))));
  if (!present) return undefined;
  // A variable specifier keeps TypeScript from resolving a module that may not exist on this machine.
  const specifier = "./tensorrt.js";
  const mod = (await import(specifier)) as Partial<TensorRtModule>;
  return typeof mod.createTensorRtEngine === "function" ? (mod as TensorRtModule) : undefined;
}
