// Similarity between rows of row-major matrices held in flat typed arrays (row i = data[i*dim .. (i+1)*dim)).
// Plain loops over the arrays, no allocation: these run per token or per patch every tick.

/**
 * Relative L1 change of row i of `now` against row j of `before`: sum|now - before| / sum|before|.
 * An unchanged row is 0; a change from an all-zero row is Infinity.
 */
export function relativeL1Rows(now: Float32Array, i: number, before: Float32Array, j: number, dim: number): number {
  let diff = 0;
  let base = 0;
  const no = i * dim;
  const bo = j * dim;
  for (let k = 0; k < dim; k++) {
    const b = before[bo + k] as number;
    diff += Math.abs((now[no + k] as number) - b);
    base += Math.abs(b);
  }
  if (diff === 0) return 0;
  return base === 0 ? Infinity : diff / base;
}

/** Relative L1 change of two whole vectors (sum|now - before| / sum|before|). */
export function relativeL1(now: Float32Array, before: Float32Array): number {
  return relativeL1Rows(now, 0, before, 0, now.length);
}

/**
 * Order of indices by score, highest first, ties to the lower index; NaN below every number (-Infinity
 * included): the native topk kernel's order. Fills `order`.
 */
export function rankByScore(scores: Float32Array, count: number, order: Int32Array): Int32Array {
  for (let i = 0; i < count; i++) order[i] = i;
  const view = order.subarray(0, count);
  view.sort((x, y) => {
    const sx = scores[x] as number;
    const sy = scores[y] as number;
    const nx = Number.isNaN(sx);
    const ny = Number.isNaN(sy);
    if (nx !== ny) return nx ? 1 : -1;
    return nx || sx === sy ? x - y : sy - sx;
  });
  return view;
}
