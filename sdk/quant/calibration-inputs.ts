// Where calibration inputs come from, as `reflex calibrate --data` names them:
//   random[:<batches>[:<seed>]]  seeded Gaussian inputs (sigma 1) shaped from the model's inputs; dynamic axes
//                                from --dim name=value (default 1). For trying the pipeline, not for real scales.
//   <folder>                     one <input name>.npy per model input (float32, or int64 for int64 inputs such as
//                                token ids); axis 0 indexes samples, and each sample is fed as a batch of one
//                                (shape [1, ...rest]).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

import type { OnnxValueInfo } from "./onnx-graph.js";
import { readNpy, type NpyAnyArray } from "./npy.js";
import { ONNX_DTYPE } from "./onnx-schema.js";

export interface InputBatch {
  readonly [name: string]: { readonly data: Float32Array | BigInt64Array; readonly shape: readonly number[] };
}

export interface InputSource {
  readonly description: string;
  readonly batches: number;
  batch(index: number): InputBatch;
  /** The .npy file behind each input (recorded inputs only), to name it when ONNX Runtime refuses a sample. */
  readonly files?: ReadonlyMap<string, string>;
}

/** Where the model's input shapes were declared, to name it next to a file that does not fit. */
export interface DeclaredShapes {
  /** e.g. "models/tiny-vla/model.yaml stages.vision.inputs" or the .onnx file. */
  readonly where: string;
  /** The declared shape per input name, when it differs in spelling from the ONNX graph's. */
  readonly shapes?: ReadonlyMap<string, readonly (number | string)[]>;
}

/** A user error in --data or --dim: what, where, how to fix. */
export class CalibrationInputError extends Error {
  override readonly name = "CalibrationInputError";
}

function concreteShape(info: OnnxValueInfo, dims: ReadonlyMap<string, number>): number[] {
  if (info.shape === undefined) throw new CalibrationInputError(`input "${info.name}" has no shape in the model; pass --data <folder> with ${info.name}.npy`);
  return info.shape.map((d) => (typeof d === "number" && d > 0 ? d : (dims.get(String(d)) ?? 1)));
}

function gaussian(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
  return out;
}

const shapeText = (shape: readonly (number | string)[]): string => `[${shape.join(", ")}]`;

/** The first NaN or infinity in `data` and how many there are; undefined when all are finite. */
function nonFinite(data: Float32Array): { first: number; count: number } | undefined {
  let first = -1;
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      if (first < 0) first = i;
      count++;
    }
  }
  return count > 0 ? { first, count } : undefined;
}

/**
 * Checks that each sample of `arr` ([1, ...axes 1..] of the file) fits the model input's shape: same rank,
 * same size on each fixed axis, and one size per named axis across all inputs (`named` collects them).
 */
function checkShape(
  spec: string,
  file: string,
  info: OnnxValueInfo,
  arr: NpyAnyArray,
  declared: DeclaredShapes,
  named: Map<string, { size: number; file: string }>,
): void {
  if (info.shape === undefined) return;
  const want = declared.shapes?.get(info.name) ?? info.shape;
  const sample = [1, ...arr.shape.slice(1)];
  const fix = `save it with axis 0 over samples and the rest as declared: shape ${shapeText(["N", ...want.slice(1)])}`;
  const head = `--data ${spec}: ${file} holds shape ${shapeText(arr.shape)}, so each sample is fed as ${shapeText(sample)}, but ${declared.where} declares input "${info.name}" as ${shapeText(want)}`;
  if (sample.length !== info.shape.length) throw new CalibrationInputError(`${head} (${info.shape.length} axes, not ${sample.length}); ${fix}`);
  info.shape.forEach((d, axis) => {
    if (axis === 0) return; // the batch axis: always one sample here
    const got = sample[axis]!;
    if (typeof d === "number") {
      if (d > 0 && got !== d) throw new CalibrationInputError(`${head} (axis ${axis} must be ${d}, the file has ${got}); ${fix}`);
      return;
    }
    if (d === "?") return;
    const seen = named.get(d);
    if (seen === undefined) named.set(d, { size: got, file });
    else if (seen.size !== got) {
      throw new CalibrationInputError(`${head}: axis ${axis} ("${d}") is ${got} here but ${seen.size} in ${seen.file}; every input must agree on "${d}"`);
    }
  });
}

export function openInputSource(
  spec: string,
  inputs: readonly OnnxValueInfo[],
  dims: ReadonlyMap<string, number>,
  declared: DeclaredShapes = { where: "the model" },
): InputSource {
  const random = /^random(?::(\d+))?(?::(\d+))?$/.exec(spec);
  if (random) {
    const batches = Number(random[1] ?? 32);
    const seed = Number(random[2] ?? 1);
    if (batches < 1) throw new CalibrationInputError(`--data ${spec}: the batch count must be >= 1, e.g. random:32`);
    const shapes = inputs.map((i) => ({ name: i.name, shape: concreteShape(i, dims) }));
    return {
      description: `${batches} random Gaussian batches (seed ${seed}): ${shapes.map((s) => `${s.name}[${s.shape.join(",")}]`).join(" ")}`,
      batches,
      batch(index) {
        const out: Record<string, { data: Float32Array; shape: number[] }> = {};
        shapes.forEach((s, k) => {
          out[s.name] = { data: gaussian(s.shape.reduce((a, b) => a * b, 1), seed * 1000003 + index * 101 + k), shape: s.shape };
        });
        return out;
      },
    };
  }
  if (!existsSync(spec) || !statSync(spec).isDirectory()) {
    throw new CalibrationInputError(`--data ${spec}: not a folder and not random[:batches[:seed]]; give a folder with one <input>.npy per model input`);
  }
  const arrays = new Map<string, NpyAnyArray>();
  const files = new Map<string, string>();
  const named = new Map<string, { size: number; file: string }>();
  for (const info of inputs) {
    const file = join(spec, `${info.name.replace(/[/\\:]/g, "_")}.npy`);
    if (!existsSync(file)) {
      const present = readdirSync(spec).filter((f) => f.endsWith(".npy"));
      throw new CalibrationInputError(`--data ${spec}: no ${file} for model input "${info.name}" (found: ${present.join(", ") || "no .npy files"})`);
    }
    let arr: NpyAnyArray;
    try {
      arr = readNpy(file);
    } catch (err) {
      throw new CalibrationInputError(`--data ${spec}: ${(err as Error).message}`);
    }
    const want = info.elemType === ONNX_DTYPE.INT64 ? "int64" : "float32";
    if (arr.dtype !== want) {
      throw new CalibrationInputError(
        `--data ${spec}: ${file} holds ${arr.dtype}, but model input "${info.name}" is ${want}; save it with arr.astype(np.${want})`,
      );
    }
    if (arr.data instanceof Float32Array) {
      const bad = nonFinite(arr.data);
      if (bad) {
        const per = arr.shape.slice(1).reduce((a, b) => a * b, 1);
        throw new CalibrationInputError(
          `--data ${spec}: ${file} holds ${bad.count} non-finite value${bad.count === 1 ? "" : "s"} (NaN or infinity), the first in sample ${Math.floor(bad.first / Math.max(1, per))} (flat index ${bad.first}); calibration needs finite activations: drop or fix those samples (np.isfinite)`,
        );
      }
    }
    checkShape(spec, file, info, arr, declared, named);
    arrays.set(info.name, arr);
    files.set(info.name, file);
  }
  const counts = [...arrays.values()].map((a) => a.shape[0] ?? 0);
  const batches = Math.min(...counts);
  if (batches < 1) throw new CalibrationInputError(`--data ${spec}: the .npy files hold no samples (axis 0 is empty)`);
  if (new Set(counts).size > 1) throw new CalibrationInputError(`--data ${spec}: the .npy files disagree on the sample count (axis 0): ${counts.join(", ")}`);
  return {
    description: `${batches} recorded samples from ${spec}`,
    batches,
    files,
    batch(index) {
      const out: Record<string, { data: Float32Array | BigInt64Array; shape: number[] }> = {};
      for (const [name, arr] of arrays) {
        const rest = arr.shape.slice(1);
        const n = rest.reduce((a, b) => a * b, 1);
        out[name] = { data: arr.data.subarray(index * n, (index + 1) * n), shape: [1, ...rest] };
      }
      return out;
    },
  };
}
