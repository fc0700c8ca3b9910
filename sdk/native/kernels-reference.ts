// Plain TypeScript versions of the native tensor kernels (native/src/kernels), operation for operation, so
// both give bit-identical results: float32 steps via Math.fround, double sums in the same order.
// The accel code can run on these where the addon is absent; tests check both paths agree.
// It stays beside kernels.ts, at the addon boundary: it is the kernels' contract in TypeScript, changed with
// native/src/kernels in one commit, and kernels.ts checks its arguments with the same functions.

/** Indices of the k highest scores, highest first; ties keep the lower index first; NaN ranks last. */
export function topkReference(scores: Float32Array, k: number): Int32Array {
  if (!Number.isInteger(k) || k < 0 || k > scores.length) throw new RangeError(`topk: k=${k} must be in [0, ${scores.length}]`);
  const idx = Array.from({ length: scores.length }, (_, i) => i);
  idx.sort((a, b) => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    const na = Number.isNaN(sa);
    const nb = Number.isNaN(sb);
    if (na !== nb) return na ? 1 : -1;
    if (!na && sa !== sb) return sa > sb ? -1 : 1;
    return a - b;
  });
  return Int32Array.from(idx.slice(0, k));
}

/** dst[j, :] = src[indices[j], :] for a row-major [rows, cols] matrix. */
export function gatherRowsReference(src: Float32Array, cols: number, indices: Int32Array): Float32Array {
  if (cols <= 0 || src.length % cols !== 0) throw new RangeError(`gatherRows: src.length ${src.length} is not a multiple of cols ${cols}`);
  const rows = src.length / cols;
  const out = new Float32Array(indices.length * cols);
  for (let j = 0; j < indices.length; j++) {
    const r = indices[j] as number;
    if (r < 0 || r >= rows) throw new RangeError(`gatherRows: indices[${j}]=${r} outside [0, ${rows})`);
    out.set(src.subarray(r * cols, (r + 1) * cols), j * cols);
  }
  return out;
}

export interface PatchGrid {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly patch: number;
}

export function patchCount(grid: PatchGrid): number {
  return (grid.height / grid.patch) * (grid.width / grid.patch);
}

export function checkPatchGrid(grid: PatchGrid): void {
  const { height, width, channels, patch } = grid;
  if (!(patch > 0) || height % patch !== 0 || width % patch !== 0 || !(channels > 0)) {
    throw new RangeError(`patch grid: patch ${patch} must divide height ${height} and width ${width}, channels must be > 0`);
  }
}

/** Per-patch cosine similarity and relative L1 change of [height, width, channels] frames. */
export function patchSimilarityReference(
  prev: Float32Array,
  curr: Float32Array,
  grid: PatchGrid,
): { cosine: Float32Array; relativeL1: Float32Array } {
  checkPatchGrid(grid);
  const { width: W, channels: C, patch: P } = grid;
  const gw = grid.width / P;
  const gh = grid.height / P;
  const cosine = new Float32Array(gw * gh);
  const relativeL1 = new Float32Array(gw * gh);
  for (let py = 0; py < gh; py++) {
    for (let px = 0; px < gw; px++) {
      let dot = 0;
      let na = 0;
      let nb = 0;
      let diff = 0;
      let base = 0;
      for (let y = py * P; y < (py + 1) * P; y++) {
        const row = (y * W + px * P) * C;
        for (let e = 0; e < P * C; e++) {
          const a = prev[row + e] as number;
          const b = curr[row + e] as number;
          dot += a * b;
          na += a * a;
          nb += b * b;
          diff += Math.abs(b - a);
          base += Math.abs(a);
        }
      }
      const out = py * gw + px;
      const norms = na * nb;
      cosine[out] = norms > 0 ? dot / Math.sqrt(norms) : na === 0 && nb === 0 ? 1 : 0;
      relativeL1[out] = base > 0 ? diff / base : diff === 0 ? 0 : Infinity;
    }
  }
  return { cosine, relativeL1 };
}

/** sum |b - a| / sum |a| over the whole tensor. */
export function relativeL1Reference(prev: Float32Array, curr: Float32Array): number {
  if (prev.length !== curr.length) throw new RangeError("relativeL1: prev and curr differ in length");
  let diff = 0;
  let base = 0;
  for (let i = 0; i < prev.length; i++) {
    const a = prev[i] as number;
    diff += Math.abs((curr[i] as number) - a);
    base += Math.abs(a);
  }
  if (base > 0) return diff / base;
  return diff === 0 ? 0 : Infinity;
}

function checkScale(scale: number): void {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`int8 scale must be finite and > 0, got ${scale}`);
}

function roundHalfEven(v: number): number {
  const r = Math.round(v); // half up
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** q = saturate(round_half_even(f32(x / scale))) in [-128, 127]; NaN -> 0. */
export function quantizeInt8Reference(x: Float32Array, scale: number, out = new Int8Array(x.length)): Int8Array {
  checkScale(scale);
  const s = Math.fround(scale);
  for (let i = 0; i < x.length; i++) {
    let v = Math.fround((x[i] as number) / s);
    if (Number.isNaN(v)) {
      out[i] = 0;
      continue;
    }
    v = v < -128 ? -128 : v > 127 ? 127 : v;
    out[i] = roundHalfEven(v);
  }
  return out;
}

/** x = f32(q * scale). */
export function dequantizeInt8Reference(q: Int8Array, scale: number, out = new Float32Array(q.length)): Float32Array {
  checkScale(scale);
  const s = Math.fround(scale);
  for (let i = 0; i < q.length; i++) out[i] = Math.fround((q[i] as number) * s);
  return out;
}

// Float32 dot product of rows i and j in eight lanes (lane l sums the products k = l, l+8, ...), every
// product and sum rounded to float32, lanes added pairwise at the end: the native kernel's steps (it runs
// them as SIMD lanes; here Math.fround keeps each step in float32).
function dotRowsF32(m: Float32Array, i: number, j: number, dim: number): number {
  const f = Math.fround;
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let a4 = 0;
  let a5 = 0;
  let a6 = 0;
  let a7 = 0;
  let x = i * dim;
  let y = j * dim;
  // Written out (no helper closure): V8 then keeps the loop in float32 registers, about 4x faster.
  const end = x + (dim - (dim % 8));
  for (; x < end; x += 8, y += 8) {
    a0 = f(a0 + f((m[x] as number) * (m[y] as number)));
    a1 = f(a1 + f((m[x + 1] as number) * (m[y + 1] as number)));
    a2 = f(a2 + f((m[x + 2] as number) * (m[y + 2] as number)));
    a3 = f(a3 + f((m[x + 3] as number) * (m[y + 3] as number)));
    a4 = f(a4 + f((m[x + 4] as number) * (m[y + 4] as number)));
    a5 = f(a5 + f((m[x + 5] as number) * (m[y + 5] as number)));
    a6 = f(a6 + f((m[x + 6] as number) * (m[y + 6] as number)));
    a7 = f(a7 + f((m[x + 7] as number) * (m[y + 7] as number)));
  }
  // The last dim % 8 elements go to lanes 0.. in order, as in the native tail.
  const rest = dim % 8;
  if (rest > 0) a0 = f(a0 + f((m[x] as number) * (m[y] as number)));
  if (rest > 1) a1 = f(a1 + f((m[x + 1] as number) * (m[y + 1] as number)));
  if (rest > 2) a2 = f(a2 + f((m[x + 2] as number) * (m[y + 2] as number)));
  if (rest > 3) a3 = f(a3 + f((m[x + 3] as number) * (m[y + 3] as number)));
  if (rest > 4) a4 = f(a4 + f((m[x + 4] as number) * (m[y + 4] as number)));
  if (rest > 5) a5 = f(a5 + f((m[x + 5] as number) * (m[y + 5] as number)));
  if (rest > 6) a6 = f(a6 + f((m[x + 6] as number) * (m[y + 6] as number)));
  return f(f(f(a0 + a1) + f(a2 + a3)) + f(f(a4 + a5) + f(a6 + a7)));
}

/** Checks the sizes efficientVlaSelect takes; returns the token count. */
export function checkEfficientVlaArgs(tokens: Float32Array, dim: number, relevance: Float32Array, relevanceCount: number, budget: number): number {
  if (!(Number.isInteger(dim) && dim > 0) || tokens.length % dim !== 0) {
    throw new RangeError(`efficientvlaSelect: tokens.length ${tokens.length} is not a multiple of dim ${dim}`);
  }
  const count = tokens.length / dim;
  if (relevance.length !== count) throw new RangeError(`efficientvlaSelect: ${count} tokens need as many relevance scores, got ${relevance.length}`);
  if (!(Number.isInteger(budget) && Number.isInteger(relevanceCount) && relevanceCount >= 0 && relevanceCount <= budget && budget <= count)) {
    throw new RangeError(`efficientvlaSelect: need relevanceCount <= budget <= count, got ${relevanceCount}, ${budget}, ${count}`);
  }
  return count;
}

/**
 * EfficientVLA selection over a [count, dim] token matrix: the `relevanceCount` most relevant tokens (ties
 * to the lower index, NaN below every number), then greedily, up to `budget`, the token whose highest cosine
 * similarity to any kept token is lowest (ties to the lower index). Kept indices come back ascending.
 */
export function efficientVlaSelectReference(tokens: Float32Array, dim: number, relevance: Float32Array, relevanceCount: number, budget: number): Int32Array {
  const count = checkEfficientVlaArgs(tokens, dim, relevance, relevanceCount, budget);
  const order = Int32Array.from({ length: count }, (_, i) => i).sort((x, y) => {
    const sx = relevance[x] as number;
    const sy = relevance[y] as number;
    const nx = Number.isNaN(sx);
    const ny = Number.isNaN(sy);
    if (nx !== ny) return nx ? 1 : -1;
    return nx || sx === sy ? x - y : sy - sx;
  });
  const norms = new Float64Array(count);
  for (let i = 0; i < count; i++) norms[i] = Math.sqrt(dotRowsF32(tokens, i, i, dim));
  const chosen = new Uint8Array(count);
  const kept = new Int32Array(budget);
  // maxSim[j]: the highest cosine similarity of token j to any kept token, stored as float32 like the native.
  const maxSim = new Float32Array(count).fill(-Infinity);
  let n = 0;
  const keep = (j: number): void => {
    chosen[j] = 1;
    kept[n++] = j;
    // Similarities only matter for diversity picks still to come.
    if (n === budget || relevanceCount === budget) return;
    const nj = norms[j] as number;
    for (let i = 0; i < count; i++) {
      if (chosen[i]) continue;
      const ni = norms[i] as number;
      // A zero token has no direction: similar to nothing, so it is picked last for diversity.
      const s = ni === 0 || nj === 0 ? 0 : dotRowsF32(tokens, i, j, dim) / (ni * nj);
      if (s > (maxSim[i] as number)) maxSim[i] = s;
    }
  };
  for (let r = 0; r < relevanceCount; r++) keep(order[r] as number);
  while (n < budget) {
    // Scanning in index order makes the first minimum win ties.
    let best = -1;
    let bestSim = Infinity;
    for (let i = 0; i < count; i++) {
      if (!chosen[i] && (maxSim[i] as number) < bestSim) {
        best = i;
        bestSim = maxSim[i] as number;
      }
    }
    if (best < 0) break; // unreachable: a NaN similarity is never stored
    keep(best);
  }
  return kept.subarray(0, n).sort();
}
