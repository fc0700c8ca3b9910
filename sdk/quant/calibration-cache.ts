// The TensorRT calibration cache text format, and Reflex's amax JSON.
//
// Cache: first line `TRT-<version int>-<algorithm>` (e.g. TRT-100300-EntropyCalibration2 for TensorRT 10.3.0),
// then one line per tensor `<name>: <hex>`, hex being the IEEE-754 float32 bit pattern of scale = amax / 127
// (TensorRT reads it as an integer and reinterprets the bits). Names may contain spaces and colons; the
// separator is the last ": ". Writing pads to 8 lowercase hex digits; reading takes 1 to 8 digits.
// format(parse(text)) === text for any cache Reflex wrote, and parse(format(cache)) keeps every bit.
// Only positive finite scales are written: a tensor whose amax is 0 (a constant zero, e.g. a time
// embedding at t = 0) has no INT8 range, and a tensor the cache leaves out is one TensorRT keeps in
// higher precision, which is exact for it; the amax JSON still lists it with amax 0.
import type { CalibrationMethod, TensorCalibration } from "./calibrator.js";

export interface CalibrationCache {
  /** TensorRT version as an integer: major * 10000 + minor * 100 + patch for TensorRT 10 (100300 = 10.3.0). */
  readonly version: number;
  /** Calibrator name in the header; TensorRT expects the one of the calibrator that reads the cache. */
  readonly algorithm: string;
  /** Scale per tensor, float32 values, in file order. */
  readonly scales: ReadonlyMap<string, number>;
}

/** TensorRT 10.3.0: the version in JetPack 6.2. */
export const DEFAULT_TRT_VERSION = 100300;
export const ENTROPY_CALIBRATION_2 = "EntropyCalibration2";

export class CalibrationCacheError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${source}:${line}: ${detail}`);
    this.name = "CalibrationCacheError";
  }
}

export function float32ToHex(value: number): string {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value);
  return view.getUint32(0).toString(16).padStart(8, "0");
}

export function hexToFloat32(hex: string): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, Number.parseInt(hex, 16));
  return view.getFloat32(0);
}

export function formatCalibrationCache(cache: CalibrationCache): string {
  if (!Number.isInteger(cache.version) || cache.version <= 0) throw new RangeError(`cache version must be a positive integer, got ${cache.version}`);
  if (!/^[A-Za-z0-9]+$/.test(cache.algorithm)) throw new RangeError(`cache algorithm must be alphanumeric, got "${cache.algorithm}"`);
  const lines = [`TRT-${cache.version}-${cache.algorithm}`];
  for (const [name, scale] of cache.scales) {
    if (name.includes("\n") || name === "") throw new RangeError(`tensor name ${JSON.stringify(name)} cannot be written to a cache line`);
    if (!(scale > 0 && Number.isFinite(scale))) {
      throw new RangeError(`tensor "${name}": scale ${scale} cannot go into a TensorRT cache (leave the tensor out: TensorRT then keeps it in higher precision)`);
    }
    lines.push(`${name}: ${float32ToHex(scale)}`);
  }
  return lines.join("\n") + "\n";
}

export function parseCalibrationCache(text: string, source = "<calibration cache>"): CalibrationCache {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const header = lines[0]?.replace(/\r$/, "");
  const match = header === undefined ? null : /^TRT-(\d+)-([A-Za-z0-9]+)$/.exec(header);
  if (match === null) {
    throw new CalibrationCacheError(source, 1, `expected a header like "TRT-100300-EntropyCalibration2", found ${JSON.stringify(header ?? "")}`);
  }
  const scales = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, "");
    if (line.trim() === "") continue;
    const sep = line.lastIndexOf(": ");
    const hex = sep < 0 ? "" : line.slice(sep + 2);
    if (sep <= 0 || !/^[0-9a-fA-F]{1,8}$/.test(hex)) {
      throw new CalibrationCacheError(source, i + 1, `expected "<tensor name>: <8 hex digits>", found ${JSON.stringify(line)}`);
    }
    const name = line.slice(0, sep);
    if (scales.has(name)) throw new CalibrationCacheError(source, i + 1, `tensor "${name}" appears twice`);
    scales.set(name, hexToFloat32(hex));
  }
  return { version: Number(match[1]), algorithm: match[2] as string, scales };
}

/**
 * A cache from calibration results; scale is already float32 (amax / 127). Tensors without a positive
 * finite scale (amax 0: all zeros) are left out, so TensorRT keeps them in higher precision.
 */
export function cacheFromCalibration(
  results: Iterable<TensorCalibration>,
  version: number = DEFAULT_TRT_VERSION,
  algorithm: string = ENTROPY_CALIBRATION_2,
): CalibrationCache {
  const scales = new Map<string, number>();
  for (const r of results) if (r.scale > 0 && Number.isFinite(r.scale)) scales.set(r.name, r.scale);
  return { version, algorithm, scales };
}

export interface AmaxFile {
  readonly format: "reflex-amax-v1";
  readonly method: CalibrationMethod;
  readonly percentile?: number;
  readonly model?: string;
  readonly batches: number;
  readonly tensors: Readonly<
    Record<string, { amax: number; scale: number; scaleHex: string; maxAbs: number; samples: number; nonFinite: number; divergence?: number }>
  >;
}

export function formatAmaxJson(
  results: Iterable<TensorCalibration>,
  meta: { method: CalibrationMethod; percentile?: number; model?: string; batches: number },
): string {
  const tensors: Record<string, AmaxFile["tensors"][string]> = {};
  for (const r of results) {
    tensors[r.name] = {
      amax: r.amax,
      scale: r.scale,
      scaleHex: float32ToHex(r.scale),
      maxAbs: r.maxAbs,
      samples: r.samples,
      nonFinite: r.nonFinite,
      ...(r.method === "entropy" ? { divergence: r.divergence } : {}),
    };
  }
  const file: AmaxFile = {
    format: "reflex-amax-v1",
    method: meta.method,
    ...(meta.percentile !== undefined ? { percentile: meta.percentile } : {}),
    ...(meta.model !== undefined ? { model: meta.model } : {}),
    batches: meta.batches,
    tensors,
  };
  return JSON.stringify(file, null, 2) + "\n";
}
