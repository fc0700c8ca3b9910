// Y range of a path's latency chart. Auto-ranging on the maximum lets one stall (an 80 ms p99 against a
// 2 ms budget) flatten everything else, the deadline line included. So the top follows a high quantile
// of the visible p99s (one spike does not move it, a sustained rise does), never goes below 1.5x the
// deadline (the line stays in the lower two thirds, readable), and is rounded up to a "nice" value (the
// axis does not jitter every snapshot). Points above the top are counted so the chart can say so.
// Pure, so it is tested without a browser (test/dashboard/y-range.test.ts).

/** Quantile of the visible p99s that sets the top; the points above it are drawn clipped. */
export const CLIP_QUANTILE = 0.95;
/** Head room above the quantile, so the line does not touch the top. */
const HEADROOM = 1.1;
/** The deadline sits at most at 1 / DEADLINE_ROOM of the height. */
export const DEADLINE_ROOM = 1.5;

export interface YRange {
  /** The top of the Y axis (ms); the bottom is 0. */
  readonly top: number;
  /** Points whose p99 is above `top` (drawn clipped at the top edge). */
  readonly clipped: number;
  /** The largest p99 in view (ms), NaN when there is none. */
  readonly maxP99: number;
}

/**
 * The Y range for p99 values in ms (NaN = no data at that point) and an optional deadline in ms.
 * `scratch` (at least `p99.length` long) avoids an allocation per snapshot.
 */
export function latencyYRange(p99: ArrayLike<number>, deadlineMs: number | undefined, scratch?: Float64Array): YRange {
  const buf = scratch && scratch.length >= p99.length ? scratch : new Float64Array(p99.length);
  let n = 0;
  let maxP99 = NaN;
  for (let i = 0; i < p99.length; i++) {
    const v = p99[i]!;
    if (!Number.isFinite(v) || v < 0) continue;
    buf[n++] = v;
    if (!(v <= maxP99)) maxP99 = v;
  }
  const floor = deadlineMs !== undefined && deadlineMs > 0 ? deadlineMs * DEADLINE_ROOM : 0;
  const dataTop = n > 0 ? quantileInPlace(buf, n, CLIP_QUANTILE) * HEADROOM : 0;
  const raw = Math.max(floor, dataTop);
  const top = raw > 0 ? niceCeil(raw) : 1;
  let clipped = 0;
  for (let i = 0; i < n; i++) if (buf[i]! > top) clipped++;
  return { top, clipped, maxP99 };
}

/** Nearest-rank quantile of buf[0..n) by selection (O(n), reorders buf): no sort per snapshot. */
export function quantileInPlace(buf: Float64Array, n: number, q: number): number {
  if (n <= 0) return NaN;
  const k = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    // Hoare partition around the middle value; keep the side that holds rank k.
    const pivot = buf[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (buf[i]! < pivot) i++;
      while (buf[j]! > pivot) j--;
      if (i <= j) {
        const t = buf[i]!;
        buf[i] = buf[j]!;
        buf[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return buf[k]!;
}

const STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is >= v (v > 0). */
export function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const s of STEPS) {
    // Rounded so that 0.3 does not become 0.30000000000000004 on the axis.
    const c = Number((s * p).toPrecision(12));
    if (c >= v) return c;
  }
  return Number((10 * p).toPrecision(12));
}
