// Tensor kernels for the accelerations (token pruning, frame/step caches, INT8), on the native addon's CPU
// code. Same signatures and bit-identical results as kernels-reference.ts (test/native/kernels.test.ts).
import { loadNative, type NativeAddon } from "./addon.js";
import { checkEfficientVlaArgs, checkPatchGrid, patchCount, type PatchGrid } from "./kernels-reference.js";

export type { PatchGrid } from "./kernels-reference.js";

export class NativeKernels {
  constructor(private readonly addon: NativeAddon = loadNative()) {}

  topk(scores: Float32Array, k: number): Int32Array {
    // A k the addon will reject gets an empty buffer, so the addon's own check words the error.
    const out = new Int32Array(Number.isInteger(k) && k >= 0 && k <= scores.length ? k : 0);
    this.addon.topk(scores, k, out);
    return out;
  }

  gatherRows(src: Float32Array, cols: number, indices: Int32Array, out?: Float32Array): Float32Array {
    // A cols the addon will reject gets an empty buffer, so the addon's own check words the error.
    const target = out ?? new Float32Array(cols > 0 && Number.isInteger(cols) ? indices.length * cols : 0);
    this.addon.gatherRows(src, cols, indices, target);
    return target;
  }

  patchSimilarity(prev: Float32Array, curr: Float32Array, grid: PatchGrid): { cosine: Float32Array; relativeL1: Float32Array } {
    checkPatchGrid(grid);
    const n = patchCount(grid);
    const cosine = new Float32Array(n);
    const relativeL1 = new Float32Array(n);
    this.addon.patchSimilarity(prev, curr, grid.height, grid.width, grid.channels, grid.patch, cosine, relativeL1);
    return { cosine, relativeL1 };
  }

  /** patchSimilarity into caller-owned outputs (patch count long each): no allocation per call. */
  patchSimilarityInto(prev: Float32Array, curr: Float32Array, grid: PatchGrid, cosine: Float32Array, relativeL1: Float32Array): void {
    this.addon.patchSimilarity(prev, curr, grid.height, grid.width, grid.channels, grid.patch, cosine, relativeL1);
  }

  relativeL1(prev: Float32Array, curr: Float32Array): number {
    return this.addon.relativeL1(prev, curr);
  }

  quantizeInt8(x: Float32Array, scale: number, out = new Int8Array(x.length)): Int8Array {
    this.addon.quantizeInt8(x, scale, out);
    return out;
  }

  /**
   * EfficientVLA token selection (relevance, then diversity); kept indices ascending. Same choice as
   * efficientVlaSelectReference. Writes into `out` (at least `budget` long) when given.
   */
  efficientVlaSelect(tokens: Float32Array, dim: number, relevance: Float32Array, relevanceCount: number, budget: number, out?: Int32Array): Int32Array {
    const fn = this.addon.efficientvlaSelect;
    if (!fn) throw new Error("native addon has no efficientvlaSelect: rebuild it with node scripts/build-native.mjs");
    checkEfficientVlaArgs(tokens, dim, relevance, relevanceCount, budget);
    const target = out ?? new Int32Array(budget);
    const n = fn(tokens, dim, relevance, relevanceCount, budget, target);
    return target.subarray(0, n);
  }

  /** True when the loaded addon has every kernel the accel fast paths call (an older build may not). */
  get hasAccelKernels(): boolean {
    return typeof this.addon.efficientvlaSelect === "function";
  }

  dequantizeInt8(q: Int8Array, scale: number, out = new Float32Array(q.length)): Float32Array {
    this.addon.dequantizeInt8(q, scale, out);
    return out;
  }
}
