// Loads the native addon (native/, built at install by scripts/build-native.mjs) and types its surface.
// Nothing here falls back to JavaScript: a missing addon is an error with a hint, and `reflex doctor` says why.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface BuildInfo {
  readonly cpu: string;
  readonly cuda: { readonly enabled: boolean; readonly version: string; readonly architectures: string; readonly reason: string };
  readonly tensorrt: { readonly enabled: boolean; readonly version: string; readonly reason: string };
  readonly napiVersion: number;
}

export interface NativeTensorResult {
  readonly name: string;
  readonly amax: number;
  readonly bin: number;
  readonly divergence: number;
  readonly maxAbs: number;
  readonly total: number;
  readonly nonFinite: number;
}

export interface NativeHistogram {
  readonly counts: Float64Array;
  readonly range: number;
  readonly maxAbs: number;
  readonly total: number;
  readonly nonFinite: number;
}

export interface NativeCalibrator {
  collect(names: readonly string[], arrays: readonly Float32Array[]): Promise<void>;
  compute(method: "entropy" | "minmax" | "percentile", percentile?: number, quantBins?: number): Promise<NativeTensorResult[]>;
  histogram(name: string): NativeHistogram | undefined;
  names(): string[];
  /** Most worker threads one tensor's collect may use (0 was resolved to the hardware threads). */
  readonly threads: number;
}

export interface CudaDevice {
  readonly index: number;
  readonly name: string;
  readonly computeCapability: string;
  readonly totalMemoryBytes: number;
  readonly multiprocessors: number;
}

export interface CudaDeviceQuery {
  readonly runtimeVersion: number;
  readonly driverVersion: number;
  readonly error: string;
  readonly devices: readonly CudaDevice[];
}

export interface ChainTiming {
  readonly eagerUsPerChain: number;
  readonly graphUsPerChain: number;
  readonly graphUsed: boolean;
  readonly fallbackReason: string;
  readonly resultsMatch: boolean;
}

export interface TokenSelectorRun {
  readonly mode: "warmup" | "captured" | "replayed" | "fallback";
  readonly fallbackReason: string;
}

/**
 * The kernels the CPU and the CUDA parts both have (native/src/binding/kernel_args.h registers them under
 * these names): same arguments, outputs caller-owned (the convention is under NativeAddon).
 */
export interface TensorKernels {
  topk(scores: Float32Array, k: number, out: Int32Array): void;
  gatherRows(src: Float32Array, cols: number, indices: Int32Array, out: Float32Array): void;
  patchSimilarity(
    prev: Float32Array,
    curr: Float32Array,
    height: number,
    width: number,
    channels: number,
    patch: number,
    cosine: Float32Array | null,
    relativeL1: Float32Array | null,
  ): void;
  quantizeInt8(x: Float32Array, scale: number, out: Int8Array): void;
  dequantizeInt8(q: Int8Array, scale: number, out: Float32Array): void;
}

export interface NativeCuda extends TensorKernels {
  readonly built: true;
  devices(): CudaDeviceQuery;
  /** out: Float64Array[bins], the counts of |x| over [0, range). */
  absHistogram(x: Float32Array, range: number, bins: number, out: Float64Array): void;
  chainBench(kernels: number, elements: number, iterations: number): ChainTiming;
  TokenSelector: new (useGraphs: boolean) => {
    /** Top-k of scores, then those rows of tokens: indices Int32Array[k], out Float32Array[k * cols]. */
    select(scores: Float32Array, tokens: Float32Array, cols: number, k: number, indices: Int32Array, out: Float32Array): TokenSelectorRun;
    graphs(): number;
  };
}

export type NativeTypedArray = Float32Array | Uint16Array | Int8Array | Uint8Array | Int32Array | BigInt64Array;

export interface NativeTrtIo {
  readonly name: string;
  readonly isInput: boolean;
  readonly dtype: string;
  readonly shape: readonly number[];
}

export interface NativeTrtEngine {
  io(): NativeTrtIo[];
  prepare(inputShapes: readonly (readonly number[])[]): number[][];
  run(inputs: readonly NativeTypedArray[], outputs: readonly NativeTypedArray[]): Promise<{ mode: string; fallbackReason: string }>;
  dispose(): void;
}

export interface TrtBuildOptions {
  readonly fp16?: boolean;
  readonly int8?: boolean;
  readonly calibrationCache?: string;
  readonly workspaceBytes?: number;
  readonly profile?: Readonly<Record<string, { min: readonly number[]; opt: readonly number[]; max: readonly number[] }>>;
}

export interface NativeTensorRt {
  readonly built: true;
  readonly version: number;
  TrtEngine: new (enginePath: string, useCudaGraphs: boolean) => NativeTrtEngine;
  buildFromOnnx(onnxPath: string, options: TrtBuildOptions): Promise<Uint8Array>;
}

/**
 * What the addon exports (test/native/addon-surface.test.ts checks it name by name against the C++).
 *
 * One calling convention for the tensor kernels, CPU and CUDA alike: outputs are typed arrays the caller
 * allocates and passes last (lengths checked by the addon), and a kernel returns nothing or a scalar. The
 * per-frame accel paths reuse their buffers, and a kernel that allocated its result would allocate on every
 * frame; callers that want a fresh array get one from NativeKernels, which allocates before the call.
 * TrtEngine.run follows it too; results that are reports rather than tensors (calibration, device queries,
 * timings) are returned as objects.
 */
export interface NativeAddon extends TensorKernels {
  readonly buildInfo: BuildInfo;
  Calibrator: new (bins?: number, threads?: number) => NativeCalibrator;
  entropyThreshold(counts: Float64Array, range: number, quantBins?: number, withCurve?: boolean): {
    bin: number;
    amax: number;
    divergence: number;
    curve?: Float64Array;
  };
  percentileThreshold(counts: Float64Array, range: number, percentile: number): { bin: number; amax: number };
  relativeL1(prev: Float32Array, curr: Float32Array): number;
  /**
   * EfficientVLA token selection into out (at least budget long); returns how many indices it wrote.
   * Optional: an addon built before the accel fast paths lacks it (NativeKernels.hasAccelKernels).
   */
  efficientvlaSelect?(tokens: Float32Array, dim: number, relevance: Float32Array, relevanceCount: number, budget: number, out: Int32Array): number;
  readonly cuda: NativeCuda | { readonly built: false };
  readonly tensorrt: NativeTensorRt | { readonly built: false };
}

/** The addon could not be loaded: says where it looked and how to build it. */
export class NativeLoadError extends Error {
  constructor(
    message: string,
    readonly searched: readonly string[],
  ) {
    super(message);
    this.name = "NativeLoadError";
  }
}

const ADDON_FILE = join("native", "build", "Release", "reflex_native.node");

/** Where the addon may be: REFLEX_NATIVE_PATH, then native/build/Release under the package root. */
export function addonCandidates(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const fromEnv = process.env.REFLEX_NATIVE_PATH;
  // sdk/native/addon.ts (sources) and dist/*.js (bundle) both sit below the package root.
  const roots = [resolve(here, "..", ".."), resolve(here, "..")];
  return [...(fromEnv ? [resolve(fromEnv)] : []), ...roots.map((root) => join(root, ADDON_FILE))];
}

let cached: NativeAddon | undefined;

/** Loads the addon once; throws NativeLoadError with a fix when it is absent or does not load. */
export function loadNative(): NativeAddon {
  if (cached) return cached;
  const candidates = addonCandidates();
  const path = candidates.find((p) => existsSync(p));
  if (path === undefined) {
    throw new NativeLoadError(
      `Reflex native addon not found (looked in ${candidates.join(", ")}). ` +
        "Build it with `npm ci` or `node scripts/build-native.mjs` (needs cmake and g++); `reflex doctor` shows what is missing.",
      candidates,
    );
  }
  const require = createRequire(import.meta.url);
  try {
    cached = require(path) as NativeAddon;
  } catch (err) {
    throw new NativeLoadError(
      `Reflex native addon at ${path} failed to load: ${(err as Error).message}. ` +
        "Rebuild it for this machine and Node version: node scripts/build-native.mjs",
      candidates,
    );
  }
  return cached;
}

/** The addon, or the error saying why it is absent (for `reflex doctor` and optional fast paths). */
export function tryLoadNative(): { addon: NativeAddon; path: string } | { error: NativeLoadError } {
  try {
    const addon = loadNative();
    const path = addonCandidates().find((p) => existsSync(p)) ?? "";
    return { addon, path };
  } catch (err) {
    if (err instanceof NativeLoadError) return { error: err };
    throw err;
  }
}
