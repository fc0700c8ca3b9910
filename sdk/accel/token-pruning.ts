// Visual-token pruning: keep a budget of the vision tokens before the backbone, whose cost grows with them.
//
// "relevance": the top tokens by task relevance (FastV-like top-k).
// "efficientvla": EfficientVLA's task-relevance + diversity selection (arXiv 2506.10100): first the key
//   tokens (top by relevance), then the rest of the budget mixes the next most relevant tokens with the
//   tokens least like anything kept so far (greedy: lowest maximum cosine similarity to the kept set), so
//   near-duplicate tokens do not eat the budget.
// Deterministic: every tie goes to the lower token index. The selection itself runs in
// sdk/native/kernels-reference.ts (TypeScript) or the native addon (same choices; see accel-kernels.ts).

import { jsKernels, type AccelKernels } from "./accel-kernels.js";

export type PruningMode = "off" | "relevance" | "efficientvla";

export interface PruningOptions {
  readonly mode: PruningMode;
  /** Fraction of tokens to keep, (0, 1]. Give this or keep_count. */
  readonly keep_ratio?: number;
  /** Number of tokens to keep (clamped to 1..all). */
  readonly keep_count?: number;
  /** efficientvla: share of the budget taken as key tokens by relevance alone. Default 0.5. */
  readonly key_fraction?: number;
  /** efficientvla: share of the rest taken by relevance; the remainder goes to diversity. Default 0.5. */
  readonly relevance_mix?: number;
}

export interface PruneResult {
  /** Indices of the kept tokens, ascending (the order they are fed to the backbone). */
  readonly kept: Int32Array;
  readonly total: number;
  readonly budget: number;
  /** How many were chosen by relevance (key + mixed) and how many for diversity. */
  readonly byRelevance: number;
  readonly byDiversity: number;
}

/** The number of tokens to keep out of `total`: ratio or count, at least 1, at most all. */
export function tokenBudget(total: number, opts: Pick<PruningOptions, "mode" | "keep_ratio" | "keep_count">): number {
  if (total <= 0) return 0;
  if (opts.mode === "off") return total;
  if (opts.keep_ratio !== undefined && opts.keep_count !== undefined) {
    throw new RangeError("pruning: give keep_ratio or keep_count, not both");
  }
  let want: number;
  if (opts.keep_count !== undefined) {
    if (!Number.isFinite(opts.keep_count)) throw new RangeError(`pruning: keep_count must be a number, got ${opts.keep_count}`);
    want = Math.floor(opts.keep_count);
  } else if (opts.keep_ratio !== undefined) {
    if (!(opts.keep_ratio > 0 && opts.keep_ratio <= 1)) throw new RangeError(`pruning: keep_ratio must be in (0, 1], got ${opts.keep_ratio}`);
    want = Math.round(opts.keep_ratio * total);
  } else {
    throw new RangeError(`pruning: mode ${opts.mode} needs keep_ratio or keep_count`);
  }
  return Math.min(total, Math.max(1, want));
}

/**
 * Chooses which of `count` tokens (rows of `tokens`, each `dim` long) to keep, by `relevance` (one score
 * per token) and, in efficientvla mode, diversity. `kernels` picks the native or the TypeScript path
 * (same selection either way); default TypeScript.
 */
export function pruneTokens(
  tokens: Float32Array,
  relevance: Float32Array,
  count: number,
  dim: number,
  opts: PruningOptions,
  kernels: AccelKernels = jsKernels,
): PruneResult {
  if (tokens.length < count * dim) throw new RangeError(`pruning: ${count} tokens of dim ${dim} need ${count * dim} values, got ${tokens.length}`);
  if (relevance.length < count) throw new RangeError(`pruning: ${count} tokens need ${count} relevance scores, got ${relevance.length}`);
  const budget = tokenBudget(count, opts);
  if (opts.mode === "off" || budget === count) {
    const all = new Int32Array(count);
    for (let i = 0; i < count; i++) all[i] = i;
    return { kept: all, total: count, budget, byRelevance: opts.mode === "off" ? 0 : count, byDiversity: 0 };
  }
  const t = tokens.subarray(0, count * dim);
  const r = relevance.subarray(0, count);
  if (opts.mode === "relevance") {
    return { kept: kernels.topkAscending(r, budget), total: count, budget, byRelevance: budget, byDiversity: 0 };
  }
  const keyFraction = fraction(opts.key_fraction ?? 0.5, "key_fraction");
  const mix = fraction(opts.relevance_mix ?? 0.5, "relevance_mix");
  const keyCount = Math.min(budget, Math.max(1, Math.round(keyFraction * budget)));
  const relevanceCount = keyCount + Math.round(mix * (budget - keyCount));
  const kept = kernels.efficientVlaSelect(t, dim, r, relevanceCount, budget);
  return { kept, total: count, budget, byRelevance: relevanceCount, byDiversity: budget - relevanceCount };
}

function fraction(v: number, name: string): number {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`pruning: ${name} must be in [0, 1], got ${v}`);
  return v;
}

/** Copies the rows `indices` of `tokens` into `out` (rows in the order given); returns the filled view. */
export function gatherRows(tokens: Float32Array, dim: number, indices: Int32Array, out: Float32Array): Float32Array {
  const n = indices.length;
  if (out.length < n * dim) throw new RangeError(`gather: ${n} rows of ${dim} need ${n * dim} values, out has ${out.length}`);
  for (let r = 0; r < n; r++) {
    const src = (indices[r] as number) * dim;
    out.set(tokens.subarray(src, src + dim), r * dim);
  }
  return out.subarray(0, n * dim);
}
