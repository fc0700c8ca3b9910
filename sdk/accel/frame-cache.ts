// Vision-token cache across camera frames, VLA-Cache-style (arXiv 2502.02175): a patch whose pixels did
// not change since the previous frame reuses its cached token, except
//   - the patches most relevant to the task (top-k by cached relevance), always recomputed, because
//     reusing those naively is what costs success rate in the paper, and
//   - patches whose token has been reused max_age frames already (bounded staleness under slow drift).
// Use per frame: plan(pixels) says which patches to recompute; run those through the vision encoder;
// commit(fresh) merges them into the cached tokens and relevance, which are then the frame's full set.
// Valid only for a patch-local encoder (a patch's token depends on its own pixels, index and the
// instruction): reset() when the instruction changes.

import { jsKernels, type AccelKernels } from "./accel-kernels.js";
import { rankByScore } from "./row-similarity.js";

export interface FrameCacheOptions {
  readonly patches: number;
  /** Values per patch in the pixels given to plan(). */
  readonly patchDim: number;
  /** Values per cached token. */
  readonly tokenDim: number;
  /** A patch is static when cosine(now, reference) >= similarity. Default 0.996 (VLA-Cache). */
  readonly similarity?: number;
  /** And, if set, when its relative L1 change is <= max_rel_l1. */
  readonly max_rel_l1?: number;
  /** The k patches with the highest cached relevance are recomputed every frame. Default 0. */
  readonly always_recompute_top?: number;
  /** A token reused this many frames in a row is recomputed on the next. Default 8; 0 disables reuse. */
  readonly max_age?: number;
  /**
   * What a patch is compared with: "previous" frame (VLA-Cache), or the pixels its cached token was
   * "computed" from (no drift between reuses). Default "previous".
   */
  readonly reference?: "previous" | "computed";
  /** Where the per-patch similarities are computed (native or TypeScript: same values). Default TypeScript. */
  readonly kernels?: AccelKernels;
}

export interface FramePlan {
  /** Patch indices to run through the vision encoder, ascending. */
  readonly recompute: Int32Array;
  /** Why, per reason (a patch counts once, under the first reason that applies, in this order). */
  readonly cold: number;
  readonly changed: number;
  readonly relevant: number;
  readonly aged: number;
}

export interface FrameCacheReport extends FramePlan {
  readonly patches: number;
  readonly reused: number;
  /** reused / patches for this frame. */
  readonly hitRate: number;
  /** Frames since each output token was computed: mean and max over all patches of this frame. */
  readonly meanAge: number;
  readonly maxAge: number;
}

export class FrameCache {
  readonly patches: number;
  readonly patchDim: number;
  readonly tokenDim: number;
  /** The merged tokens (patches x tokenDim) and relevance (patches) after the last commit(). */
  readonly tokens: Float32Array;
  readonly relevance: Float32Array;

  private readonly similarity: number;
  private readonly maxRelL1: number;
  private readonly top: number;
  private readonly maxAge: number;
  private readonly referenceMode: "previous" | "computed";
  private readonly reference: Float32Array;
  private readonly age: Int32Array;
  private readonly valid: Uint8Array;
  private readonly order: Int32Array;
  private readonly mark: Uint8Array;
  private readonly kernels: AccelKernels;
  // Per patch, this frame against its reference: float32, as both kernel paths give them.
  private readonly cosine: Float32Array;
  private readonly relL1: Float32Array;
  private pending: { plan: FramePlan; pixels: Float32Array } | undefined;
  private totalFrames = 0;
  private totalReused = 0;

  constructor(opts: FrameCacheOptions) {
    const { patches, patchDim, tokenDim } = opts;
    for (const [k, v] of Object.entries({ patches, patchDim, tokenDim })) {
      if (!(Number.isInteger(v) && v > 0)) throw new RangeError(`frame cache: ${k} must be a positive integer, got ${v}`);
    }
    this.patches = patches;
    this.patchDim = patchDim;
    this.tokenDim = tokenDim;
    this.similarity = opts.similarity ?? 0.996;
    this.maxRelL1 = opts.max_rel_l1 ?? Infinity;
    this.top = Math.min(patches, Math.max(0, Math.floor(opts.always_recompute_top ?? 0)));
    this.maxAge = Math.max(0, Math.floor(opts.max_age ?? 8));
    this.referenceMode = opts.reference ?? "previous";
    if (!(this.similarity >= -1 && this.similarity <= 1)) throw new RangeError(`frame cache: similarity must be in [-1, 1], got ${this.similarity}`);
    if (!(this.maxRelL1 >= 0)) throw new RangeError(`frame cache: max_rel_l1 must be >= 0, got ${this.maxRelL1}`);
    this.tokens = new Float32Array(patches * tokenDim);
    this.relevance = new Float32Array(patches);
    this.reference = new Float32Array(patches * patchDim);
    this.age = new Int32Array(patches);
    this.valid = new Uint8Array(patches);
    this.order = new Int32Array(patches);
    this.mark = new Uint8Array(patches);
    this.kernels = opts.kernels ?? jsKernels;
    this.cosine = new Float32Array(patches);
    this.relL1 = new Float32Array(patches);
  }

  /** Forgets every cached token (new episode, new instruction). */
  reset(): void {
    this.valid.fill(0);
    this.age.fill(0);
    this.pending = undefined;
  }

  /** Decides which patches of this frame (`pixels`: patches x patchDim) need the vision encoder. */
  plan(pixels: Float32Array): FramePlan {
    if (pixels.length !== this.patches * this.patchDim) {
      throw new RangeError(`frame cache: expected ${this.patches} patches of ${this.patchDim} values (${this.patches * this.patchDim}), got ${pixels.length}`);
    }
    const { mark } = this;
    mark.fill(0);
    this.markTopRelevant();
    // One pass over every patch (a single native call where the addon is there) beats deciding per patch.
    if (this.valid.includes(1)) this.kernels.rowSimilarity(this.reference, pixels, this.patchDim, this.cosine, this.relL1);
    const recompute = new Int32Array(this.patches);
    let n = 0;
    let cold = 0;
    let changed = 0;
    let relevant = 0;
    let aged = 0;
    for (let p = 0; p < this.patches; p++) {
      if (!this.valid[p]) cold++;
      else if (!this.isStatic(p)) changed++;
      else if (mark[p]) relevant++;
      else if ((this.age[p] as number) + 1 > this.maxAge) aged++;
      else continue;
      recompute[n++] = p;
    }
    const plan = { recompute: recompute.subarray(0, n), cold, changed, relevant, aged };
    this.pending = { plan, pixels };
    return plan;
  }

  /**
   * Merges the encoder's output for the planned patches (`tokens`: recompute.length x tokenDim, in the
   * order of plan.recompute; `relevance`: one per patch) into the cache and reports the frame.
   */
  commit(tokens: Float32Array, relevance: Float32Array): FrameCacheReport {
    const pending = this.pending;
    if (!pending) throw new Error("frame cache: commit() without a plan() for this frame");
    this.pending = undefined;
    const { plan, pixels } = pending;
    const { recompute } = plan;
    const k = recompute.length;
    const D = this.tokenDim;
    const PD = this.patchDim;
    if (tokens.length < k * D || relevance.length < k) {
      throw new RangeError(`frame cache: ${k} recomputed patches need ${k * D} token values and ${k} relevance, got ${tokens.length} and ${relevance.length}`);
    }
    for (let p = 0; p < this.patches; p++) this.age[p] = (this.age[p] as number) + 1;
    for (let r = 0; r < k; r++) {
      const p = recompute[r] as number;
      this.tokens.set(tokens.subarray(r * D, (r + 1) * D), p * D);
      this.relevance[p] = relevance[r] as number;
      this.age[p] = 0;
      this.valid[p] = 1;
      if (this.referenceMode === "computed") this.reference.set(pixels.subarray(p * PD, (p + 1) * PD), p * PD);
    }
    if (this.referenceMode === "previous") this.reference.set(pixels);

    let sum = 0;
    let max = 0;
    for (let p = 0; p < this.patches; p++) {
      const a = this.age[p] as number;
      sum += a;
      if (a > max) max = a;
    }
    const reused = this.patches - k;
    this.totalFrames++;
    this.totalReused += reused;
    return { ...plan, patches: this.patches, reused, hitRate: reused / this.patches, meanAge: sum / this.patches, maxAge: max };
  }

  /** Reused patches over all patches of every frame committed since construction. */
  get cumulativeHitRate(): number {
    return this.totalFrames === 0 ? 0 : this.totalReused / (this.totalFrames * this.patches);
  }

  private isStatic(p: number): boolean {
    // similarity -1 accepts every cosine: relative L1 alone decides (more robust to camera noise on dark patches).
    if (this.similarity > -1 && (this.cosine[p] as number) < this.similarity) return false;
    return this.maxRelL1 === Infinity || (this.relL1[p] as number) <= this.maxRelL1;
  }

  // Marks the `top` cached patches by relevance (only patches with a cached token have a relevance).
  private markTopRelevant(): void {
    if (this.top === 0) return;
    const order = rankByScore(this.relevance, this.patches, this.order);
    let marked = 0;
    for (let r = 0; r < this.patches && marked < this.top; r++) {
      const p = order[r] as number;
      if (this.valid[p]) {
        this.mark[p] = 1;
        marked++;
      }
    }
  }
}
