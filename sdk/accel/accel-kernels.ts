// The per-tick kernels of the accelerations, on two paths that choose exactly the same (bit-identical
// inputs give the same selection, the same similarities): the native addon's CPU kernels, and plain
// TypeScript (sdk/native/kernels-reference.ts), used where the addon is not built. The native path is the
// default where it loads: the EfficientVLA diversity pass costs ~100 µs in JS and a few µs native on this
// model (bench/policy), and one frame-similarity call replaces a JS loop over every patch.

import { tryLoadNative } from "../native/addon.js";
import { NativeKernels } from "../native/kernels.js";
import { efficientVlaSelectReference, patchSimilarityReference } from "../native/kernels-reference.js";
import { rankByScore } from "./row-similarity.js";

export type KernelPath = "native" | "js";

export interface AccelKernels {
  readonly path: KernelPath;
  /** The k highest scores' indices, ascending (ties to the lower index, NaN below every number). */
  topkAscending(scores: Float32Array, k: number): Int32Array;
  /** EfficientVLA relevance + diversity selection over [count, dim] tokens; kept indices ascending. */
  efficientVlaSelect(tokens: Float32Array, dim: number, relevance: Float32Array, relevanceCount: number, budget: number): Int32Array;
  /**
   * Per-row cosine similarity and relative L1 change of `curr` against `prev` ([rows, dim] each), as
   * float32 (cosine 1 for two zero rows, 0 for a zero row against another; relative L1 Infinity from a
   * zero row), written into `cosine` and `relativeL1` (rows long).
   */
  rowSimilarity(prev: Float32Array, curr: Float32Array, dim: number, cosine: Float32Array, relativeL1: Float32Array): void;
}

export const jsKernels: AccelKernels = {
  path: "js",
  topkAscending(scores, k) {
    if (k >= scores.length) return Int32Array.from({ length: scores.length }, (_, i) => i);
    return rankByScore(scores, scores.length, new Int32Array(scores.length)).slice(0, k).sort();
  },
  efficientVlaSelect: efficientVlaSelectReference,
  rowSimilarity(prev, curr, dim, cosine, relativeL1) {
    const r = patchSimilarityReference(prev, curr, rowGrid(prev.length, dim));
    cosine.set(r.cosine);
    relativeL1.set(r.relativeL1);
  },
};

function rowGrid(length: number, dim: number): { height: number; width: number; channels: number; patch: number } {
  // A [rows, dim] matrix is a frame of rows x 1 patches of 1 pixel with dim channels: the patch kernel's
  // sums then run over exactly one row each, in order.
  return { height: length / dim, width: 1, channels: dim, patch: 1 };
}

function nativePath(native: NativeKernels): AccelKernels {
  return {
    path: "native",
    topkAscending(scores, k) {
      return native.topk(scores, Math.min(k, scores.length)).sort();
    },
    efficientVlaSelect(tokens, dim, relevance, relevanceCount, budget) {
      return native.efficientVlaSelect(tokens, dim, relevance, relevanceCount, budget);
    },
    rowSimilarity(prev, curr, dim, cosine, relativeL1) {
      native.patchSimilarityInto(prev, curr, rowGrid(prev.length, dim), cosine, relativeL1);
    },
  };
}

let cachedNative: AccelKernels | null | undefined;

/** The native path, or undefined (with the reason) when the addon is absent or lacks these kernels. */
export function nativeKernels(): { kernels: AccelKernels } | { reason: string } {
  if (cachedNative === undefined) {
    const loaded = tryLoadNative();
    if ("error" in loaded) {
      cachedNative = null;
      nativeReason = loaded.error.message;
    } else {
      const k = new NativeKernels(loaded.addon);
      cachedNative = k.hasAccelKernels ? nativePath(k) : null;
      if (!cachedNative) nativeReason = "the native addon predates efficientvlaSelect; rebuild it: node scripts/build-native.mjs";
    }
  }
  return cachedNative ? { kernels: cachedNative } : { reason: nativeReason };
}
let nativeReason = "";

/** `native` where the addon loads, else `js`; `auto` picks so. `native` asked for and absent is an error. */
export function selectKernels(want: KernelPath | "auto" = "auto"): AccelKernels {
  if (want === "js") return jsKernels;
  const n = nativeKernels();
  if ("kernels" in n) return n.kernels;
  if (want === "native") throw new Error(`accel kernels: native asked for but unavailable: ${n.reason}`);
  return jsKernels;
}
