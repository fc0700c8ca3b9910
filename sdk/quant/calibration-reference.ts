// An independent TypeScript implementation of the calibration maths in native/src/calib, written the
// textbook way (one log per bin, distributions built explicitly), used to check the native code exactly.
// It is slow on purpose-free grounds only: nothing in the runtime calls it; tests and benchmarks do.
//
// Histogram rule (shared with native/src/calib/abs_histogram.h): bins cover [0, range); the first non-zero
// batch sets range = max|x|; a larger max later doubles range (2^k neighbouring bins merge); non-finite values
// are counted apart; bin = min(trunc(f32(|x| * f32(bins / range))), bins - 1) in float32 arithmetic.

export const DEFAULT_BINS = 2048;
export const DEFAULT_QUANT_BINS = 128;

export class ReferenceAbsHistogram {
  readonly counts: Float64Array;
  range = 0;
  maxAbs = 0;
  total = 0;
  nonFinite = 0;

  constructor(readonly bins: number = DEFAULT_BINS) {
    if (!Number.isInteger(Math.log2(bins)) || bins < 2) throw new RangeError(`bins must be a power of two >= 2, got ${bins}`);
    this.counts = new Float64Array(bins);
  }

  collect(x: Float32Array): void {
    if (x.length === 0) return;
    let batchMax = 0;
    for (let i = 0; i < x.length; i++) {
      const a = Math.abs(x[i] as number);
      if (a < Infinity && a > batchMax) batchMax = a;
    }
    if (batchMax > this.maxAbs) this.maxAbs = batchMax;
    if (this.range === 0) {
      if (batchMax > 0) this.range = batchMax;
    } else if (batchMax > this.range) {
      this.grow(batchMax);
    }
    if (this.range === 0) {
      let finite = 0;
      for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) finite++;
      this.counts[0] = (this.counts[0] as number) + finite;
      this.total += finite;
      this.nonFinite += x.length - finite;
      return;
    }
    const range = this.range;
    const scale = Math.fround(this.bins / range);
    const top = this.bins - 1;
    for (let i = 0; i < x.length; i++) {
      const a = Math.abs(x[i] as number);
      if (!(a <= range)) {
        this.nonFinite++;
        continue;
      }
      const bin = Math.min(Math.trunc(Math.fround(a * scale)), top);
      this.counts[bin] = (this.counts[bin] as number) + 1;
      this.total++;
    }
  }

  private grow(batchMax: number): void {
    let factor = 1;
    let range = this.range;
    while (range < batchMax) {
      range = Math.fround(range * 2);
      factor = Math.min(factor * 2, this.bins);
    }
    const merged = new Float64Array(this.bins);
    for (let j = 0; j < this.bins; j++) merged[Math.floor(j / factor)] = (merged[Math.floor(j / factor)] as number) + (this.counts[j] as number);
    this.counts.set(merged);
    this.range = range;
  }
}

export interface ReferenceThreshold {
  readonly bin: number;
  readonly amax: number;
  readonly divergence: number;
}

/** KL(P || Q) for cut-off i, built exactly as the field notes describe it. */
export function referenceDivergence(counts: ArrayLike<number>, i: number, quantBins: number = DEFAULT_QUANT_BINS): number {
  const bins = counts.length;
  const p = new Float64Array(i);
  for (let k = 0; k < i; k++) p[k] = counts[k] as number;
  let outliers = 0;
  for (let k = i; k < bins; k++) outliers += counts[k] as number;
  p[i - 1] = (p[i - 1] as number) + outliers;

  const groupSum = new Float64Array(quantBins);
  const groupNonZero = new Float64Array(quantBins);
  for (let k = 0; k < i; k++) {
    const g = Math.floor((k * quantBins) / i);
    const c = counts[k] as number;
    groupSum[g] = (groupSum[g] as number) + c;
    if (c > 0) groupNonZero[g] = (groupNonZero[g] as number) + 1;
  }
  const q = new Float64Array(i);
  for (let k = 0; k < i; k++) {
    const g = Math.floor((k * quantBins) / i);
    if ((counts[k] as number) > 0) q[k] = (groupSum[g] as number) / (groupNonZero[g] as number);
  }
  let sumP = 0;
  let sumQ = 0;
  for (let k = 0; k < i; k++) {
    sumP += p[k] as number;
    sumQ += q[k] as number;
  }
  if (sumQ === 0) return Infinity;
  let kl = 0;
  for (let k = 0; k < i; k++) {
    const pk = (p[k] as number) / sumP;
    if (pk <= 0) continue;
    const qk = (q[k] as number) / sumQ;
    if (qk <= 0) return Infinity;
    kl += pk * Math.log(pk / qk);
  }
  return kl;
}

/**
 * Smallest KL over i = quantBins..last, ties to the largest i; amax = i * range / bins. `last` is one past the
 * highest non-empty bin (so cut-offs above every value seen are not candidates), and at least quantBins.
 */
export function referenceEntropyThreshold(
  counts: ArrayLike<number>,
  range: number,
  quantBins: number = DEFAULT_QUANT_BINS,
): ReferenceThreshold {
  const bins = counts.length;
  let total = 0;
  for (let k = 0; k < bins; k++) total += counts[k] as number;
  if (total <= 0) return { bin: 0, amax: 0, divergence: 0 };
  let last = bins;
  while (last > 0 && (counts[last - 1] as number) <= 0) last--;
  const stop = Math.max(last, quantBins);
  let best = Infinity;
  let bestI = stop;
  for (let i = quantBins; i <= stop; i++) {
    const kl = referenceDivergence(counts, i, quantBins);
    if (kl <= best) {
      best = kl;
      bestI = i;
    }
  }
  return { bin: bestI, amax: (range * bestI) / bins, divergence: best };
}

/** Upper edge of the first bin where the running count reaches percentile/100 of the total. */
export function referencePercentileThreshold(counts: ArrayLike<number>, range: number, percentile: number): ReferenceThreshold {
  const bins = counts.length;
  let total = 0;
  for (let k = 0; k < bins; k++) total += counts[k] as number;
  if (total <= 0) return { bin: 0, amax: 0, divergence: 0 };
  const target = (percentile / 100) * total;
  let running = 0;
  for (let k = 0; k < bins; k++) {
    running += counts[k] as number;
    if (running >= target) return { bin: k + 1, amax: (range * (k + 1)) / bins, divergence: 0 };
  }
  return { bin: bins, amax: range, divergence: 0 };
}
