// Calibrates one ONNX model: runs it through ONNX Runtime (CPU) on the input batches with every activation
// added as a graph output, feeds the float32 activations to the native Calibrator, and returns amax/scale per
// tensor. Activations are collected while the next batch runs, so ONNX Runtime and the histogram overlap.
import { readFileSync } from "node:fs";

import * as ort from "onnxruntime-node";

import { Calibrator, type CalibrationMethod, type TensorCalibration } from "./calibrator.js";
import { CalibrationInputError, type InputBatch, type InputSource } from "./calibration-inputs.js";
import { activationCandidates, readOnnxGraph, withExtraOutputs, type OnnxGraphSummary } from "./onnx-graph.js";

export interface CalibrateModelOptions {
  readonly modelPath: string;
  readonly source: InputSource;
  readonly method: CalibrationMethod;
  readonly percentile?: number;
  /** Only these tensors (default: every activation). */
  readonly tensors?: readonly string[];
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CalibrateModelResult {
  readonly results: Map<string, TensorCalibration>;
  /** Candidates ONNX Runtime returned as non-float (left out of the cache). */
  readonly skipped: readonly string[];
}

export function modelGraph(modelPath: string): OnnxGraphSummary {
  return readOnnxGraph(readFileSync(modelPath));
}

export async function calibrateModel(opts: CalibrateModelOptions): Promise<CalibrateModelResult> {
  const bytes = readFileSync(opts.modelPath);
  const graph = readOnnxGraph(bytes);
  const candidates = activationCandidates(graph);
  if (opts.tensors !== undefined) {
    const unknown = opts.tensors.filter((t) => !candidates.includes(t));
    if (unknown.length > 0) {
      const some = candidates.slice(0, 8).join(", ");
      throw new CalibrationInputError(`--tensors: ${opts.modelPath} has no activation named ${unknown.map((u) => `"${u}"`).join(", ")} (some it has: ${some}${candidates.length > 8 ? ", ..." : ""})`);
    }
  }
  const wanted = opts.tensors ?? candidates;
  const existing = new Set(graph.outputs.map((o) => o.name));
  const session = await ort.InferenceSession.create(withExtraOutputs(bytes, wanted.filter((n) => !existing.has(n))));
  const calibrator = new Calibrator();
  const skipped = new Set<string>();
  let pending: Promise<void> = Promise.resolve();
  try {
    for (let b = 0; b < opts.source.batches; b++) {
      const batch = opts.source.batch(b);
      const feeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(batch)) {
        feeds[name] = t.data instanceof BigInt64Array ? new ort.Tensor("int64", t.data, t.shape) : new ort.Tensor("float32", t.data, t.shape);
      }
      const out = await session.run(feeds, wanted as string[]).catch((err: unknown) => {
        throw refused(opts.modelPath, opts.source, b, batch, graph, err);
      });
      const activations: Record<string, Float32Array> = {};
      for (const name of wanted) {
        const t = out[name];
        if (t !== undefined && t.type === "float32") activations[name] = t.data as Float32Array;
        else skipped.add(name);
      }
      await pending; // one collect in flight while the next batch runs
      pending = calibrator.collect(activations);
      opts.onProgress?.(b + 1, opts.source.batches);
    }
    await pending;
  } finally {
    await session.release();
  }
  const results = await calibrator.compute({ method: opts.method, ...(opts.percentile !== undefined ? { percentile: opts.percentile } : {}) });
  return { results, skipped: [...skipped] };
}

/**
 * ONNX Runtime's refusal of one sample (a shape it cannot broadcast, an index out of a Gather's range) as a
 * user error: the sample, the files it came from with their shapes, and the shapes the model declares.
 */
function refused(modelPath: string, source: InputSource, index: number, batch: InputBatch, graph: OnnxGraphSummary, err: unknown): CalibrationInputError {
  const said = (err instanceof Error ? err.message : String(err)).split("\n")[0]!.trim();
  const fed = Object.entries(batch)
    .map(([name, t]) => `${source.files?.get(name) ?? name} [${t.shape.join(", ")}]`)
    .join(", ");
  const declared = graph.inputs.map((i) => `${i.name} [${(i.shape ?? ["?"]).join(", ")}]`).join(", ");
  const what = source.files ? `sample ${index} of` : `random batch ${index}:`;
  return new CalibrationInputError(
    `${modelPath}: ONNX Runtime refused ${what} ${fed}: ${said}; the model declares ${declared}: check the shapes, and that index inputs stay within the sizes they index`,
  );
}
